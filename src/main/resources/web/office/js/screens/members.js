// Members: search by id or name (GET /v1/members?q=), a page at a time, and the way to open a new one.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { session } from '../session.js';
import { form, text } from '/common/js/forms.js';
import { table, link, failure, notice } from '/common/js/ui.js';
import { go } from '../app.js';

const PAGE = 50;

function kind(k) {
  return t('kind.' + k);
}

export default async function members(view, context) {
  const q = context.params.get('q') || '';
  const after = context.params.get('after');
  view.append(h('h1', {}, t('members.title')));
  if (session.isAdmin()) {
    view.append(h('p', {}, h('a', { class: 'button', href: '#/members/new', role: 'button' }, t('members.open'))));
  }
  const search = form(t('members.search'), [
    text('q', t('members.q'), { value: q, hint: t('members.q_hint'), type: 'search', width: 'w20' }),
  ], ({ q: typed }) => go('/members' + (typed.trim() ? '?q=' + encodeURIComponent(typed.trim()) : '')),
  { secondary: true });
  search.setAttribute('role', 'search');
  view.append(search);
  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  view.append(results);
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (q) query.set('q', q);
  if (after) query.set('after', after);
  let page;
  try {
    page = await api('GET', '/v1/members?' + query);
  } catch (e) {
    results.append(failure(e));
    return;
  }
  if (page.items.length === 0) {
    results.append(notice(q ? t('members.none_for', { q }) : t('members.none')));
    return;
  }
  results.append(table(q ? t('members.found_for', { q }) : t('members.all'),
    [t('members.name'), t('members.id'), t('members.kind'), t('members.accounts')],
    page.items.map((m) => [link('/member/' + encodeURIComponent(m.id), m.name), m.id, kind(m.kind),
      (m.accounts || []).map((a) => a.currency).join(', ')])));
  if (page.next) {
    const next = new URLSearchParams({ after: page.next });
    if (q) next.set('q', q);
    results.append(h('p', {}, h('a', { href: '#/members?' + next }, t('members.more'))));
  }
}
