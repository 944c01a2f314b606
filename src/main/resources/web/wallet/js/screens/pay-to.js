// Paying a business's account with an amount the payer types: from a shop's printed QR code (`/pay/to/<account>`)
// or from the directory. First the amount, then one page to check it, with one button.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { form, amount, text, FieldError } from '/common/js/forms.js';
import { money, parse, editable } from '/common/js/currencies.js';
import { summary, failure, back } from '/common/js/ui.js';
import { accountsIn } from '../me.js';
import { payButton } from '../paying.js';

const MAX_MEMO = 200;

/** The business that owns {@code accountId}, from the directory, with that account; null when none does. */
async function payeeOf(accountId) {
  const { items } = await api('GET', '/v1/directory');
  for (const business of items) {
    const account = (business.accounts || []).find((a) => a.id === accountId);
    if (account) return { business, account };
  }
  return null;
}

function amountStep(view, payee, from, typed) {
  const { business, account } = payee;
  view.replaceChildren(back('/directory', t('payto.back')), h('h1', {}, t('payto.title', { payee: business.name })),
    summary([[t('pay.payee'), business.name], [t('pay.from'), t('pay.from_value', { account: from.id,
      balance: money(from.balance, from.currency) })]]),
    form(t('payto.continue'), [
      amount('amount', t('payto.amount'), account.currency, { value: typed.amount }),
      text('memo', t('payto.memo'), { hint: t('payto.memo_hint'), value: typed.memo, width: 'w30' }),
    ], async (v) => {
      const units = parse(v.amount, account.currency);
      if (!v.amount.trim()) throw new FieldError('amount', 'payto.amount_missing');
      if (units === null || units <= 0) throw new FieldError('amount', 'invalid.amount');
      if (v.memo.length > MAX_MEMO) throw new FieldError('memo', 'payto.memo_long');
      confirmStep(view, payee, from, units, v.memo.trim());
    }));
  view.querySelector('h1').setAttribute('tabindex', '-1');
}

function confirmStep(view, payee, from, units, memo) {
  const { business, account } = payee;
  const transfer = { debit_account: from.id, credit_account: account.id, amount: units, currency: account.currency };
  if (memo) transfer.memo = memo;
  const change = h('button', { type: 'button', class: 'link', onclick: () => amountStep(view, payee, from,
    { amount: editable(units, account.currency), memo }) }, t('payto.change'));
  // One purpose per confirmation: going back and paying again is a new payment, a retry of this one is not.
  view.replaceChildren(h('h1', {}, t('payto.confirm_title')), summary([
    [t('pay.payee'), business.name],
    [t('pay.amount'), h('strong', { id: 'pay-amount' }, money(units, account.currency))],
    memo ? [t('pay.memo'), memo] : null,
    [t('pay.from'), from.id],
  ]), payButton(view, 'to:' + crypto.randomUUID(), transfer, { payee: business.name, memo }), h('p', {}, change));
  view.querySelector('h1').setAttribute('tabindex', '-1');
  view.querySelector('h1').focus();
}

export default async function payToScreen(view, context, accountId) {
  let payee;
  try {
    payee = await payeeOf(accountId);
  } catch (e) {
    view.append(h('h1', {}, t('payto.title_unknown')), failure(e));
    return;
  }
  if (!payee) {
    view.append(back('/directory', t('payto.back')), h('h1', {}, t('payto.title_unknown')),
      h('p', {}, t('payto.unknown', { account: accountId })));
    return;
  }
  const from = (await accountsIn(payee.account.currency))[0];
  if (!from) {
    view.append(h('h1', {}, t('payto.title', { payee: payee.business.name })),
      h('p', {}, t('pay.no_account', { currency: payee.account.currency })));
    return;
  }
  amountStep(view, payee, from, { amount: '', memo: '' });
}
