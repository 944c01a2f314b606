// Which of its business's accounts this till takes payments into: the business's active accounts as the
// directory lists them (a terminal reads no balance). One account is chosen without asking.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { form, radios, FieldError } from '/common/js/forms.js';
import { failure, notice } from '/common/js/ui.js';
import { till, account, chooseAccount } from '../till.js';
import { go } from '../app.js';

export default async function accountScreen(view) {
  view.append(h('h1', {}, t('account.title')));
  let accounts;
  try {
    const directory = await api('GET', '/v1/directory');
    accounts = directory.items.find((m) => m.id === till.who().member_id)?.accounts ?? [];
  } catch (e) {
    view.append(failure(e));
    return;
  }
  if (accounts.length === 0) {
    view.append(notice(t('account.none', { member: till.who().member_id })));
    return;
  }
  if (accounts.length === 1 && !account()) {
    chooseAccount(accounts[0], accounts);
    go('/');
    return;
  }
  const label = (a) => t('account.choice', { id: a.id, currency: a.currency, name: t('currency.' + a.currency) });
  view.append(form(t('account.button'), [
    radios('account', t('account.question'), accounts.map((a) => [a.id, label(a)]), { value: account()?.id }),
  ], async (v) => {
    const chosen = accounts.find((a) => a.id === v.account);
    if (!chosen) throw new FieldError('account', 'account.missing');
    chooseAccount(chosen, accounts);
    go('/');
  }));
}
