// This till: its enrollment (key and token, kept by the device module in IndexedDB) and the account it takes
// payments into, chosen among its business's accounts (a preference, kept in localStorage).
import { device } from '/common/js/device.js';

export const till = device('till');

const ACCOUNT = 'mlml-till-account';

/** {id, currency} of the account payments go to, or null before one is chosen. */
export function account() {
  const saved = JSON.parse(localStorage.getItem(ACCOUNT) || 'null');
  return saved && saved.member_id === till.who()?.member_id ? saved : null;
}

/** Chooses {@code a} among {@code all} of the business's accounts ({id, currency} each). */
export function chooseAccount(a, all) {
  localStorage.setItem(ACCOUNT, JSON.stringify({ id: a.id, currency: a.currency, member_id: till.who().member_id,
    all: all.map(({ id, currency }) => ({ id, currency })) }));
}

/** The currency of one of the business's accounts (payments, holds and refunds name accounts, not currencies). */
export function currencyOf(accountId) {
  return account()?.all.find((a) => a.id === accountId)?.currency ?? account()?.currency;
}
