// A shop's payment request, opened from its link or its QR code: who is paid, how much, for what, until when, from
// which of the person's accounts; then one button. The ledger's `payable` says all of it, not the link.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { money } from '/common/js/currencies.js';
import { summary, failure, notice, link } from '/common/js/ui.js';
import { accountsIn } from '../me.js';
import { forPurpose } from '../payments.js';
import { payButton } from '../paying.js';

export default async function payRequestScreen(view, context, ref) {
  let p;
  try {
    p = await api('GET', '/v1/payment-requests/' + seg(ref) + '/payable');
  } catch (e) {
    view.append(h('h1', {}, t('pay.title_unknown')), failure(e), h('p', {}, link('/scan', t('pay.scan_again'))));
    return;
  }
  const purpose = 'request:' + p.id;
  const waiting = await forPurpose(purpose);
  view.append(h('h1', {}, t('pay.title', { payee: p.payee.name })));
  const from = (await accountsIn(p.currency))[0];
  view.append(summary([
    [t('pay.payee'), p.payee.name],
    [t('pay.amount'), h('strong', { id: 'pay-amount' }, money(p.amount, p.currency))],
    p.memo ? [t('pay.memo'), p.memo] : null,
    [t('pay.expires'), when(p.expires_at)],
    from ? [t('pay.from'), t('pay.from_value', { account: from.id, balance: money(from.balance, from.currency) })]
      : null,
  ]));
  if (p.status !== 'open' && !waiting) {
    view.append(notice(t('pay.status_' + p.status)), h('p', {}, link('/', t('paid.back'))));
    return;
  }
  if (!from) {
    view.append(notice(t('pay.no_account', { currency: p.currency })));
    return;
  }
  const transfer = { debit_account: from.id, credit_account: p.credit_account, amount: p.amount,
    currency: p.currency, payment_request: p.id.slice(p.id.indexOf('~') + 1) };
  if (p.memo) transfer.memo = p.memo;
  view.append(payButton(view, purpose, waiting ? waiting.transfer : transfer, { payee: p.payee.name, memo: p.memo },
    waiting));
}
