// One account: balance, limits with their history (who changed what, when), freezing and closing, its
// movements newest first with the balance after each, and its statement as CSV.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api, download, seg } from '/common/js/api.js';
import { session } from '../session.js';
import { form, amount, text, FieldError } from '/common/js/forms.js';
import { currencies, money, parse, editable } from '/common/js/currencies.js';
import { summary, table, link, back, failure, notice, flash, save } from '/common/js/ui.js';
import { go } from '../app.js';

const PAGE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

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

function signed(item, a) {
  const out = item.debit_account === a.id;
  const units = item.posted_amount ?? item.amount;
  return (out ? '−' : '+') + money(units, a.currency);
}

async function historySection(a, context) {
  const after = context.params.get('after');
  const section = h('section', { class: 'section' }, h('h2', {}, t('history.title')));
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (after) query.set('after', after);
  try {
    const page = await api('GET', '/v1/accounts/' + seg(a.id) + '/transfers?' + query);
    section.append(page.items.length === 0 ? notice(t('history.none')) : table(t('history.caption'),
      [t('history.at'), t('history.other'), t('history.memo'), t('history.amount'), t('history.status'),
        t('history.balance_after')],
      page.items.map((i) => {
        const other = i.debit_account === a.id ? i.credit_account : i.debit_account;
        return [when(i.timestamp), link('/account/' + encodeURIComponent(other), other), i.memo || '',
          signed(i, a), t('tstatus.' + i.status), money(i.balance_after, a.currency)];
      }), [3, 5]));
    if (page.next) {
      section.append(h('p', {}, link('/account/' + encodeURIComponent(a.id) + '?after=' + page.next,
        t('history.older'))));
    }
    if (after) section.append(h('p', {}, link('/account/' + encodeURIComponent(a.id), t('history.newest'))));
  } catch (e) {
    section.append(failure(e));
  }
  return section;
}

function statementForm(a) {
  const today = new Date().toISOString().slice(0, 10);
  const first = today.slice(0, 8) + '01';
  return h('section', { class: 'section' }, h('h2', {}, t('statement.title')), h('p', { class: 'hint' },
    t('statement.lead')), form(t('statement.button'), [
    text('from', t('statement.from'), { type: 'date', value: first, width: 'w10' }),
    text('to', t('statement.to'), { type: 'date', value: today, width: 'w10' }),
  ], async (v) => {
    if (!DATE.test(v.from)) throw new FieldError('from', 'invalid.date');
    if (!DATE.test(v.to)) throw new FieldError('to', 'invalid.date');
    if (v.to < v.from) throw new FieldError('to', 'statement.order');
    const query = new URLSearchParams({ from: v.from + 'T00:00:00Z', to: v.to + 'T23:59:59.999Z', format: 'csv' });
    save(await download('/v1/accounts/' + seg(a.id) + '/statement?' + query),
      `${a.id.replace(/:/g, '-')}_${v.from}_${v.to}.csv`);
  }, { secondary: true }));
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
  view.append(await historySection(a, context), statementForm(a));
}
