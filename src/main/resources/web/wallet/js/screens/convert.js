// A business converts between its accounts (DESIGN §3): citizen currency to inter-enterprise currency and back, or
// citizen currency back to euros (reconversion, with the association's fee). The id is made once per form, so a
// second press after a lost answer sends the same conversion, which the ledger answers `exists`.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { form, radios, amount, FieldError } from '/common/js/forms.js';
import { money, parse } from '/common/js/currencies.js';
import { notice, summary } from '/common/js/ui.js';
import { signed, me } from '../me.js';
import { announce } from '../app.js';

/** The conversions this member's active accounts allow: [key, from account, to account or null, to currency]. */
function choices(accounts) {
  const of = (c) => accounts.find((a) => a.currency === c && a.status === 'active');
  const mlc = of('MLC');
  const mie = of('MIE');
  return [
    mlc && mie ? ['mlc_mie', mlc, mie.id, 'MIE'] : null,
    mlc && mie ? ['mie_mlc', mie, mlc.id, 'MLC'] : null,
    mlc ? ['mlc_eur', mlc, null, 'EUR'] : null,
  ].filter(Boolean);
}

export default async function convertScreen(view) {
  const member = await me(true);
  view.append(h('h1', {}, t('convert.title')));
  if (member.kind !== 'business') {
    view.append(notice(t('convert.business_only')));
    return;
  }
  const options = choices(member.accounts);
  if (options.length === 0) {
    view.append(notice(t('convert.no_accounts')));
    return;
  }
  const result = h('div', { 'aria-live': 'polite' });
  let id = crypto.randomUUID();
  const f = form(t('convert.button'), [
    radios('kind', t('convert.kind'), options.map(([key, from]) => [key, t('convert.' + key),
      t('convert.balance', { balance: money(from.balance, from.currency) })]), { value: options[0][0],
      onchange: () => { id = crypto.randomUUID(); } }),
    amount('amount', t('convert.amount'), 'MLC / MIE', { hint: t('convert.amount_hint') }),
  ], async (v) => {
    const [, from, toAccount, toCurrency] = options.find((o) => o[0] === v.kind) || [];
    if (!from) throw new FieldError('kind', 'convert.kind_missing');
    const units = parse(v.amount, from.currency);
    if (units === null || units <= 0) throw new FieldError('amount', 'invalid.amount');
    const body = { id, from_account: from.id, amount: units };
    if (toAccount) body.to_account = toAccount;
    else body.to_currency = toCurrency;
    const answer = await api('POST', '/v1/conversions', await signed('conversion', body));
    if (answer.status === 'rejected') {
      throw new FieldError('amount', 'refused.' + answer.code);
    }
    id = crypto.randomUUID();
    f.reset();
    result.replaceChildren(h('div', { class: 'panel success', role: 'status', id: 'converted' },
      h('p', { class: 'done' }, t('convert.done', { amount: money(units, from.currency), to: toCurrency })),
      answer.fee ? summary([[t('convert.fee'), money(answer.fee, from.currency)]]) : null));
    announce(t('convert.done', { amount: money(units, from.currency), to: toCurrency }));
  }, { codeFields: { conversion_cap_exceeded: 'amount', conversion_pool_insufficient: 'amount',
    exceeds_floor: 'amount', conversion_not_allowed: 'kind' } });
  view.append(h('p', {}, t('convert.lead')), f, result);
}
