// Refunding a payment, all or part of it, back to the customer who paid: one transfer from the business's account
// to the payer's, naming the payment it returns (refund_of), signed by this till's key. The ledger holds the
// terminal to its limits (one refund, and any 24 hours): a refusal is said next to the amount.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { form, amount, FieldError } from '/common/js/forms.js';
import { money, parse, editable } from '/common/js/currencies.js';
import { summary, back, failure, flash } from '/common/js/ui.js';
import { uuid } from '/common/js/base64url.js';
import { till } from '../till.js';
import { go } from '../app.js';

const LIMITS = { refund_limit_exceeded: 'amount', refund_limit_per_day_exceeded: 'amount', exceeds_floor: 'amount',
  invalid_amount: 'amount', refund_exceeds_payment: 'amount' };

export default async function refund(view, context, transferId) {
  view.append(back('/takings', t('refund.back')));
  let paid;
  try {
    paid = await api('GET', '/v1/transfers/' + seg(transferId));
  } catch (e) {
    view.append(h('h1', {}, t('refund.title')), failure(e));
    return;
  }
  const total = money(paid.amount, paid.currency);
  // One id per form: sent again after a lost answer, the same refund is found ("exists"), never made twice.
  let id = uuid();
  view.append(h('h1', {}, t('refund.title_amount', { amount: total })),
    summary([[t('refund.paid_at'), when(paid.timestamp)], [t('refund.memo'), paid.memo || '—'],
      [t('refund.to'), paid.debit_account]]),
    form(t('refund.button'), [
      amount('amount', t('refund.amount'), paid.currency, { value: editable(paid.amount, paid.currency),
        hint: t('refund.amount_hint', { amount: total }) }),
    ], async (v) => {
      const units = parse(v.amount, paid.currency);
      if (units === null || units <= 0 || units > paid.amount) throw new FieldError('amount', 'refund.amount_range');
      const body = await till.sign('transfers', { transfers: [{ id, debit_account: paid.credit_account,
        credit_account: paid.debit_account, amount: units, currency: paid.currency, refund_of: paid.id }] });
      const result = (await api('POST', '/v1/transfers', body)).results[0];
      if (result.status === 'rejected') {
        id = uuid(); // a rejected id stays rejected: the next try is another refund
        throw new FieldError('amount', 'problem.' + result.code);
      }
      flash(t('refund.done', { amount: money(units, paid.currency) }));
      go('/takings');
    }, { codeFields: LIMITS }));
}
