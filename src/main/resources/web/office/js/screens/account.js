// One account: balance, limits with their history (who changed what, when), freezing and closing, its
// movements newest first with the balance after each, and its statement as CSV.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { session } from '../session.js';
import { form, amount, FieldError } from '/common/js/forms.js';
import { currencies, money, parse, editable } from '/common/js/currencies.js';
import { summary, table, link, back, failure, notice, flash } from '/common/js/ui.js';
import { historySection, statementForm } from '/common/js/account-history.js';
import { go } from '../app.js';


function isCredit(a) {
  return currencies()[a.currency]?.kind === 'mutual_credit';
}

function limitsForm(a, reload) {
  const credit = isCredit(a);
  const floorField = credit
    ? amount('floor', t('limits.credit_line'), a.currency, { value: editable(a.floor === null ? null : -a.floor,
      a.currency), hint: t('limits.credit_line_hint', { currency: a.currency }) })
    : amount('floor', t('limits.floor'), a.currency, { value: editable(a.floor, a.currency),
      hint: t('limits.floor_hint', { currency: a.currency }) });
  const ceilingField = amount('ceiling', t('limits.ceiling'), a.currency, { value: editable(a.ceiling, a.currency),
    hint: t('limits.ceiling_hint', { currency: a.currency }) });
  return form(t('limits.button'), [floorField, ceilingField], async (v) => {
    const typed = parse(v.floor, a.currency);
    if (typed === null) throw new FieldError('floor', v.floor.trim() ? 'invalid.amount' : 'limits.floor_missing');
    const ceiling = v.ceiling.trim() === '' ? null : parse(v.ceiling, a.currency);
    if (ceiling === null && v.ceiling.trim() !== '') throw new FieldError('ceiling', 'invalid.amount');
    await api('PATCH', '/v1/accounts/' + seg(a.id), { floor: credit ? -typed : typed, ceiling });
    flash(t('limits.saved'));
    reload();
  }, { codeFields: { invalid_limits: 'floor', account_closed: 'floor' } });
}

function statusActions(a, reload) {
  if (a.status === 'closed') return notice(t('account.closed_for_good'));
  const change = async (status, message) => {
    await api('PATCH', '/v1/accounts/' + seg(a.id), { status });
    flash(message);
    reload();
  };
  const wrap = h('div', { class: 'section' }, h('h2', {}, t('account.status_title')));
  const freeze = a.status === 'active'
    ? form(t('account.freeze'), [h('p', {}, t('account.freeze_lead'))],
      () => change('frozen', t('account.frozen_done')), { secondary: true })
    : form(t('account.unfreeze'), [h('p', {}, t('account.unfreeze_lead'))],
      () => change('active', t('account.unfrozen_done')), { secondary: true });
  const confirmClose = form(t('account.close_confirm'), [h('p', { class: 'warning-text' },
    t('account.close_lead', { balance: money(a.balance, a.currency) }))],
  () => change('closed', t('account.closed_done')), {
    danger: true,
    extra: h('button', { type: 'button', class: 'link', onclick: () => { closing.hidden = true; ask.hidden = false; } },
      t('account.close_cancel')),
  });
  const closing = h('div', { class: 'panel warning', hidden: true }, confirmClose);
  const ask = h('button', { type: 'button', class: 'button warning', onclick: () => {
    closing.hidden = false;
    ask.hidden = true;
    closing.querySelector('button').focus();
  } }, t('account.close'));
  wrap.append(freeze, ask, closing);
  return wrap;
}

function changeText(c, a) {
  const parts = [];
  if ('floor' in c && isCredit(a)) {
    parts.push(t('changes.credit_line', { value: c.floor === null ? t('limits.none') : money(-c.floor, a.currency) }));
  } else if ('floor' in c) {
    parts.push(t('changes.floor', { value: c.floor === null ? t('limits.none') : money(c.floor, a.currency) }));
  }
  if ('ceiling' in c) parts.push(t('changes.ceiling', { value: c.ceiling === null ? t('limits.none')
    : money(c.ceiling, a.currency) }));
  if ('status' in c) parts.push(t('changes.status', { value: t('status.' + c.status) }));
  return parts.join(' · ');
}

async function changesSection(a) {
  const section = h('section', { class: 'section' }, h('h2', {}, t('changes.title')));
  try {
    const { items } = await api('GET', '/v1/accounts/' + seg(a.id) + '/changes');
    const newest = [...items].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
    section.append(newest.length === 0 ? notice(t('changes.none')) : table(t('changes.title'),
      [t('changes.at'), t('changes.by'), t('changes.what')], newest.map((c) => [when(c.at), c.by || '—',
        changeText(c, a)])));
  } catch (e) {
    section.append(failure(e));
  }
  return section;
}

export default async function accountScreen(view, context, id) {
  let a;
  try {
    a = await api('GET', '/v1/accounts/' + seg(id));
  } catch (e) {
    view.append(back('/members', t('members.back')), h('h1', {}, id), failure(e));
    return;
  }
  const reload = () => go('/account/' + encodeURIComponent(id));
  const credit = isCredit(a);
  view.append(back('/member/' + encodeURIComponent(a.member_id), t('account.back', { member: a.member_id })),
    h('h1', {}, a.id),
    h('p', { class: 'balance' }, h('span', { class: 'label' }, t('account.balance')), ' ',
      h('strong', { id: 'balance' }, money(a.balance, a.currency))),
    summary([
      [t('account.member'), link('/member/' + encodeURIComponent(a.member_id), a.member_id)],
      [t('account.status'), h('span', { class: 'tag ' + a.status }, t('status.' + a.status))],
      credit ? [t('limits.credit_line'), a.floor === null ? t('limits.none') : money(-a.floor, a.currency)]
        : [t('limits.floor'), a.floor === null ? t('limits.none') : money(a.floor, a.currency)],
      [t('limits.ceiling'), a.ceiling === null ? t('limits.none') : money(a.ceiling, a.currency)],
      [t('account.pending'), t('account.pending_value', { debits: money(a.debits_pending, a.currency),
        credits: money(a.credits_pending, a.currency) })],
      a.negative_since ? [t('account.negative_since'), when(a.negative_since)] : null,
    ]));
  if (session.isAdmin() && a.status !== 'closed') {
    view.append(h('section', { class: 'section' }, h('h2', {}, t('limits.title')), limitsForm(a, reload)));
  }
  view.append(await changesSection(a));
  if (session.isAdmin()) view.append(statusActions(a, reload));
  view.append(await historySection(a, context, { linkOthers: true }), statementForm(a));
}
