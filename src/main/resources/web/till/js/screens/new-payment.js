// Asking for a payment: an amount (and a memo the customer sees), then the request's QR code. The request's id is
// random: anyone holding a member token and the id could read the payee, amount and memo, so ids are never counted.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { form, amount, text, FieldError } from '/common/js/forms.js';
import { parse } from '/common/js/currencies.js';
import { randomHex } from '/common/js/base64url.js';
import { account } from '../till.js';
import { go } from '../app.js';

/** How long a customer has to pay, in seconds. */
const EXPIRES_IN_S = 15 * 60;

export default function newPayment(view) {
  const into = account();
  view.append(
    h('h1', {}, t('pay.title')),
    h('p', { class: 'account-line' }, t('pay.into', { account: into.id }), ' ',
      h('a', { href: '#/account' }, t('pay.change_account'))),
    form(t('pay.button'), [
      amount('amount', t('pay.amount'), into.currency),
      text('memo', t('pay.memo'), { hint: t('pay.memo_hint'), width: 'w20' }),
    ], async (v) => {
      const units = parse(v.amount, into.currency);
      if (units === null || units <= 0) throw new FieldError('amount', 'invalid.amount');
      const body = { id: 'p-' + randomHex(16), credit_account: into.id, amount: units, expires_in_s: EXPIRES_IN_S };
      if (v.memo.trim()) body.memo = v.memo.trim();
      const made = await api('POST', '/v1/payment-requests', body);
      go('/request/' + encodeURIComponent(made.id));
    }, { codeFields: { invalid_amount: 'amount' } }),
  );
}
