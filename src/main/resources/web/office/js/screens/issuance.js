// Issuance at an exchange office: euros received, the same amount of MLC credited (POST /v1/issuances), and a
// receipt to print for the member. The operation's id is chosen here and kept until the ledger has answered
// for it, so sending again after a lost answer can never issue twice.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api, seg, Problem } from '/common/js/api.js';
import { session } from '../session.js';
import { form, text, amount, FieldError } from '/common/js/forms.js';
import { money, parse } from '/common/js/currencies.js';
import { summary, back, notice } from '/common/js/ui.js';

const MAX_REFERENCE = 256;

function receipt(view, answer, account, member, reference) {
  const issued = answer.transfers.find((x) => x.credit_account === account.id) || answer.transfers[0];
  view.replaceChildren(
    h('div', { class: 'receipt', id: 'receipt' },
      h('h1', {}, t('receipt.title')),
      h('p', { class: 'lead' }, t('receipt.lead')),
      summary([
        [t('receipt.date'), when(issued.timestamp)],
        [t('receipt.office'), reference],
        [t('receipt.member'), member ? member.name + ' (' + account.member_id + ')' : account.member_id],
        [t('receipt.account'), account.id],
        [t('receipt.euros'), money(issued.amount, 'EUR')],
        [t('receipt.issued'), h('strong', { id: 'issued' }, money(issued.amount, account.currency))],
        [t('receipt.operation'), h('code', {}, answer.id)],
        [t('receipt.by'), h('code', {}, answer.issued_by || '—')],
      ]),
      h('p', { class: 'signature' }, t('receipt.signature'))),
    h('div', { class: 'actions no-print' },
      h('button', { type: 'button', class: 'button', onclick: () => window.print() }, t('receipt.print')),
      h('a', { href: '#/issue', class: 'button secondary', role: 'button' }, t('receipt.another'))));
  view.querySelector('h1').focus();
}

export default function issuance(view, context) {
  view.append(h('h1', {}, t('issue.title')), h('p', { class: 'lead' }, t('issue.lead')));
  if (!session.isAdmin()) {
    view.append(notice(t('readonly')));
    return;
  }
  let id = crypto.randomUUID();
  view.append(form(t('issue.button'), [
    text('to_account', t('issue.account'), { value: context.params.get('account') || '', hint: t('issue.account_hint'),
      width: 'w20' }),
    amount('amount', t('issue.amount'), 'EUR', { hint: t('issue.amount_hint') }),
    text('reference', t('issue.reference'), { hint: t('issue.reference_hint'), width: 'w30' }),
  ], async (v) => {
    const to = v.to_account.trim();
    if (!to) throw new FieldError('to_account', 'issue.account_missing');
    let account;
    try {
      account = await api('GET', '/v1/accounts/' + seg(to));
    } catch (e) {
      if (e instanceof Problem && e.status === 404) throw new FieldError('to_account', 'problem.unknown_account');
      throw e;
    }
    if (account.currency !== 'MLC') throw new FieldError('to_account', 'issue.not_mlc');
    const units = parse(v.amount, 'MLC');
    if (units === null || units <= 0) throw new FieldError('amount', 'invalid.amount');
    const reference = v.reference.trim();
    if (!reference || reference.length > MAX_REFERENCE) throw new FieldError('reference', 'invalid.reference');
    const answer = await api('POST', '/v1/issuances', { id, to_account: to, amount: units, reference });
    if (answer.status === 'rejected') {
      id = crypto.randomUUID(); // a rejected id stays rejected: the corrected operation is a new one
      throw new Problem(409, { code: answer.code });
    }
    const member = await api('GET', '/v1/members/' + seg(account.member_id)).catch(() => null);
    receipt(view, answer, account, member, reference);
  }, { codeFields: { unknown_account: 'to_account', account_frozen: 'to_account', account_closed: 'to_account',
    not_permitted: 'to_account', exceeds_ceiling: 'amount', invalid_amount: 'amount',
    exists_with_different_fields: 'amount' } }));
  view.append(back('/', t('issue.cancel')));
}
