// One member: who it is, its accounts with their balances, its conversion caps (PATCH /v1/members/{id}), and
// the way to its devices and to issuing MLC to it.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { session } from '../session.js';
import { form, select, amount, text, FieldError, problemMessage } from '/common/js/forms.js';
import { currencies, money, parse } from '/common/js/currencies.js';
import { summary, table, link, back, failure, notice, flash } from '/common/js/ui.js';
import { go } from '../app.js';

function pairs() {
  const codes = Object.keys(currencies());
  const held = codes.filter((c) => currencies()[c].kind !== 'reference');
  return held.flatMap((from) => codes.filter((to) => to !== from).map((to) => [from + '>' + to, from + ' → ' + to]));
}

/** The caps as the API takes them, without the pair of {@code except}. */
function capsWithout(member, from, to) {
  return member.conversion_caps.filter((c) => !(c.from === from && c.to === to))
    .map(({ from: f, to: tt, amount: a, window_days: w }) => ({ from: f, to: tt, amount: a, window_days: w }));
}

function capsSection(member, reload) {
  const admin = session.isAdmin();
  const rows = member.conversion_caps.map((c) => [c.from + ' → ' + c.to, money(c.amount, c.from),
    t('caps.days', { days: c.window_days }), admin ? h('button', { type: 'button', class: 'button secondary small',
      onclick: async (e) => {
        try {
          await api('PATCH', '/v1/members/' + seg(member.id), { conversion_caps: capsWithout(member, c.from, c.to) });
          flash(t('caps.removed', { pair: c.from + ' → ' + c.to }));
          reload();
        } catch (problem) {
          e.target.after(h('span', { class: 'error-message', role: 'alert' }, ' ', problemMessage(problem)));
        }
      } }, t('caps.remove')) : null].filter((x) => x !== null));
  const section = h('section', { class: 'section' }, h('h2', {}, t('caps.title')), h('p', { class: 'hint' },
    t('caps.lead')));
  section.append(rows.length === 0 ? notice(t('caps.none')) : table(t('caps.title'),
    [t('caps.pair'), t('caps.amount'), t('caps.window')].concat(admin ? [''] : []), rows, [1]));
  if (!admin) return section;
  section.append(h('h3', {}, t('caps.set')), form(t('caps.button'), [
    select('pair', t('caps.pair'), pairs()),
    amount('amount', t('caps.amount'), t('caps.amount_currency'), { hint: t('caps.amount_hint') }),
    text('window_days', t('caps.window'), { value: '30', inputmode: 'numeric', width: 'w5',
      hint: t('caps.window_hint') }),
  ], async (v) => {
    const [from, to] = v.pair.split('>');
    const units = parse(v.amount, from);
    if (units === null || units < 0) throw new FieldError('amount', 'invalid.amount');
    if (!/^\d{1,4}$/.test(v.window_days)) throw new FieldError('window_days', 'invalid.window_days');
    const caps = capsWithout(member, from, to)
      .concat([{ from, to, amount: units, window_days: Number(v.window_days) }]);
    try {
      await api('PATCH', '/v1/members/' + seg(member.id), { conversion_caps: caps });
    } catch (e) {
      const m = /^conversion_caps\[\d+\]\.(\w+)$/.exec(e.field || '');
      if (m) e.field = m[1] === 'from' || m[1] === 'to' ? 'pair' : m[1];
      throw e;
    }
    flash(t('caps.saved', { pair: from + ' → ' + to }));
    reload();
  }, { codeFields: { unknown_currency: 'pair', conversion_not_allowed: 'pair' } }));
  return section;
}

export default async function memberScreen(view, context, id) {
  view.append(back('/members', t('members.back')));
  let member;
  try {
    member = await api('GET', '/v1/members/' + seg(id));
  } catch (e) {
    view.append(h('h1', {}, id), failure(e));
    return;
  }
  const reload = () => go('/member/' + encodeURIComponent(id));
  view.append(h('h1', {}, member.name),
    summary([[t('members.id'), member.id], [t('members.kind'), t('kind.' + member.kind)]]),
    h('section', { class: 'section' }, h('h2', {}, t('member.accounts')),
      member.accounts.length === 0 ? notice(t('member.no_accounts')) : table(t('member.accounts'),
        [t('account.id'), t('account.currency'), t('account.balance'), t('account.status')],
        member.accounts.map((a) => [link('/account/' + encodeURIComponent(a.id), a.id), a.currency,
          money(a.balance, a.currency), t('status.' + a.status)]), [2])),
    h('ul', { class: 'actions-list' },
      h('li', {}, link('/member/' + encodeURIComponent(id) + '/devices', t('member.devices'))),
      member.accounts.some((a) => a.currency === 'MLC' && a.status === 'active') && session.isAdmin()
        ? h('li', {}, link('/issue?account=' + encodeURIComponent(member.accounts.find((a) => a.currency === 'MLC').id),
          t('member.issue'))) : null),
    capsSection(member, reload));
}
