// The businesses that take the currencies, to find one and pay it: a search over their names, then the account in
// a currency the member holds.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { text } from '/common/js/forms.js';
import { failure, notice } from '/common/js/ui.js';
import { me } from '../me.js';

/** Lower case without accents: "Épicerie" is found by typing "epicerie". */
function folded(s) {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

export default async function directoryScreen(view) {
  view.append(h('h1', {}, t('directory.title')), h('p', {}, t('directory.lead')));
  let items;
  let member;
  try {
    member = await me();
    ({ items } = await api('GET', '/v1/directory'));
  } catch (e) {
    view.append(failure(e));
    return;
  }
  const mine = new Set(member.accounts.filter((a) => a.status === 'active').map((a) => a.currency));
  const payable = items.filter((b) => b.id !== member.id
    && (b.accounts || []).some((a) => mine.has(a.currency)));
  const search = text('q', t('directory.search'), { type: 'search', width: 'w30' });
  const list = h('ul', { class: 'directory', id: 'directory' });
  const count = h('p', { class: 'hint', role: 'status' });
  const draw = () => {
    const q = folded(search.querySelector('input').value.trim());
    const shown = payable.filter((b) => folded(b.name).includes(q) || b.id.includes(q));
    list.replaceChildren(...shown.map((b) => h('li', {}, h('span', { class: 'name' }, b.name), ' ',
      b.accounts.filter((a) => mine.has(a.currency)).map((a) => h('a', { class: 'button small secondary',
        href: '#/pay-to/' + encodeURIComponent(a.id), 'aria-label': t('directory.pay_label', { name: b.name,
          currency: a.currency }) }, t('directory.pay', { currency: a.currency }))))));
    count.textContent = shown.length === 1 ? t('directory.count_one') : t('directory.count', { n: shown.length });
  };
  search.querySelector('input').addEventListener('input', draw);
  draw();
  view.append(payable.length === 0 ? notice(t('directory.none')) : h('div', {}, search, count, list));
}
