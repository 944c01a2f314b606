// The member's accounts with their balances, what it can do next, and any payment still waiting for an answer.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { money } from '/common/js/currencies.js';
import { link, notice, failure } from '/common/js/ui.js';
import { me } from '../me.js';
import { unanswered, send } from '../payments.js';
import { go } from '../app.js';

function card(a) {
  return h('div', { class: 'card', 'data-account': a.id },
    h('h2', {}, t('currency.' + a.currency)),
    h('p', { class: 'balance' }, h('span', { class: 'label' }, t('home.balance')), ' ',
      h('strong', { class: 'amount' }, money(a.balance, a.currency))),
    a.status !== 'active' ? notice(t('home.status_' + a.status)) : null,
    h('p', {}, link('/account/' + encodeURIComponent(a.id), t('home.history'))));
}

/** Payments sent whose answer was lost: each can be sent again, safely (same id). */
async function waitingSection() {
  const records = await unanswered();
  if (records.length === 0) return null;
  return h('section', { class: 'panel warning', id: 'waiting' }, h('h2', {}, t('waiting.title')),
    h('p', {}, t('unknown.lead')), h('ul', { class: 'list' }, records.map((r) => {
      const retry = h('button', { type: 'button', class: 'button small' }, t('waiting.retry'));
      const said = h('span', { role: 'status' });
      retry.addEventListener('click', async () => {
        retry.disabled = true;
        const outcome = await send(r);
        retry.disabled = false;
        if (outcome.outcome === 'unknown') said.textContent = ' ' + t('waiting.still');
        else go('/');
      });
      return h('li', {}, t('waiting.item', { amount: money(r.transfer.amount, r.transfer.currency),
        payee: r.shown.payee, at: when(new Date(r.created).toISOString()) }), ' ', retry, said);
    })));
}

export default async function homeScreen(view) {
  let member;
  try {
    member = await me(true);
  } catch (e) {
    view.append(h('h1', {}, t('nav.home')), failure(e));
    return;
  }
  view.append(h('h1', {}, t('home.title', { name: member.name })));
  const waiting = await waitingSection();
  if (waiting) view.append(waiting);
  const accounts = member.accounts.filter((a) => a.status !== 'closed');
  view.append(accounts.length === 0 ? notice(t('home.no_accounts')) : h('div', { class: 'cards' }, accounts.map(card)),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: '#/scan' }, t('home.scan')),
      h('a', { class: 'button secondary', href: '#/directory' }, t('home.directory'))));
}
