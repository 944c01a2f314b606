// Who this device pays for: the member its enrollment named, with its accounts as the API answers them. The key and
// the token are the shared device module's (one Ed25519 key, non-extractable, in IndexedDB); this reads the member.
import { device } from '/common/js/device.js';
import { api, seg } from '/common/js/api.js';

const wallet = device('wallet');
let member = null;

/** Reads this device's enrollment from its storage: once, before the first screen. */
export async function load() {
  await wallet.load();
}

/** Whether this device is enrolled (its key and token are here). */
export function enrolledHere() {
  return Boolean(wallet.who());
}

/** The member as last read, or null. */
export function known() {
  return enrolledHere() ? member : null;
}

/** The enrolled member with its accounts (read afresh when {@code fresh}), or null when this device is not enrolled. */
export async function me(fresh = false) {
  const who = wallet.who();
  if (!who) return null;
  if (!member || fresh || member.id !== who.member_id) {
    member = await api('GET', '/v1/members/' + seg(who.member_id));
  }
  return member;
}

/** The member's active accounts in {@code currency}, with their balances as of now. */
export async function accountsIn(currency) {
  const m = await me(true);
  return m.accounts.filter((a) => a.currency === currency && a.status === 'active');
}

/** The body of a money-moving request, signed by this device's key for {@code operation}. */
export function signed(operation, body) {
  return wallet.sign(operation, body);
}

/** Enrols this device with {@code code}; its member is read afresh next. */
export async function enroll(code, deviceName) {
  member = null;
  return wallet.enrol(code, deviceName);
}

/** Forgets the enrollment (its token no longer works): the next screen asks for a new code. */
export async function forget() {
  member = null;
  await wallet.forget();
}
