// One of the member's accounts: its balance, its movements newest first, its statement to download.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { money } from '/common/js/currencies.js';
import { back, failure } from '/common/js/ui.js';
import { historySection, statementForm } from '/common/js/account-history.js';

export default async function accountScreen(view, context, id) {
  view.append(back('/', t('account.back')));
  let a;
  try {
    a = await api('GET', '/v1/accounts/' + seg(id));
  } catch (e) {
    view.append(h('h1', {}, id), failure(e));
    return;
  }
  view.append(h('h1', {}, t('currency.' + a.currency)),
    h('p', { class: 'balance' }, h('span', { class: 'label' }, t('home.balance')), ' ',
      h('strong', { id: 'balance' }, money(a.balance, a.currency))),
    h('p', { class: 'meta' }, t('account.id', { id: a.id })));
  view.append(await historySection(a, context), statementForm(a));
}
