// The books per currency from GET /v1/reconciliation, kept live by the event stream: each committed change
// that moves money or accounts makes the dashboard read the report again.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api } from '/common/js/api.js';
import { follow } from '/common/js/events.js';
import { money, remember } from '/common/js/currencies.js';
import { summary, link, failure } from '/common/js/ui.js';
import { announce } from '../app.js';

const TYPES = ['transfer.created', 'transfer.posted', 'transfer.voided', 'transfer.expired', 'conversion.created',
  'issuance.created', 'account.created', 'account.changed'];

/** The exact decimal string "0.995" as "99,5 %": the point moved two places by string, not by arithmetic. */
function percent(text) {
  if (text === null || text === undefined) return '—';
  const [whole, fraction = ''] = text.split('.');
  const digits = fraction.padEnd(2, '0');
  const rest = digits.slice(2).replace(/0+$/, '');
  return BigInt(whole + digits.slice(0, 2)).toString() + (rest ? t('decimal') + rest : '') + '\u00a0%';
}

function currencyCard(c) {
  const rows = [];
  if (c.kind === 'euro_backed') {
    rows.push([t('dash.outstanding'), money(c.outstanding, c.currency)],
      [t('dash.reserve'), money(c.reserve, 'EUR')],
      [t('dash.backing_ratio'), percent(c.backing_ratio)]);
  }
  if (c.kind !== 'reference') {
    rows.push([t('dash.fees'), money(c.fees, c.currency)], [t('dash.pool'), money(c.conversion_pool, c.currency)]);
  }
  rows.push([t('dash.sum'), money(c.sum_of_balances, c.currency)]);
  return h('section', { class: 'card', 'aria-labelledby': 'cur-' + c.currency },
    h('h2', { id: 'cur-' + c.currency }, t('currency.' + c.currency), ' ', h('span', { class: 'code' }, c.currency)),
    summary(rows));
}

function accountList(title, ids, empty) {
  return h('section', { class: 'card' }, h('h2', {}, title), ids.length === 0 ? h('p', {}, empty)
    : h('ul', { class: 'list' }, ids.map((id) => h('li', {}, link('/account/' + encodeURIComponent(id), id)))));
}

function draw(target, report) {
  target.replaceChildren(...[
    report.invariants_ok ? h('p', { class: 'panel success' }, t('dash.invariants_ok'))
      : h('p', { class: 'panel warning', role: 'alert' }, t('dash.invariants_broken')),
    h('div', { class: 'cards' }, report.currencies.map(currencyCard)),
    h('div', { class: 'cards' },
      accountList(t('dash.breaches'), report.accounts_breaching_limits, t('dash.none')),
      accountList(t('dash.long_negative'), report.long_negative_accounts, t('dash.none'))),
    report.failing_webhooks.length === 0 ? null : h('section', { class: 'card' },
      h('h2', {}, t('dash.failing_webhooks')),
      h('ul', { class: 'list' }, report.failing_webhooks.map((w) => h('li', {}, w.url, ' — ',
        t('dash.failing_since', { since: when(w.failing_since) }))))),
    h('p', { class: 'meta', id: 'as-of' }, t('dash.as_of', { at: when(report.as_of) })),
  ].filter(Boolean));
}

export default async function dashboard(view, context) {
  const live = h('p', { class: 'live-state', id: 'live-state' }, t('dash.connecting'));
  const body = h('div', { id: 'books' });
  view.append(h('h1', {}, t('dash.title')), live, body);
  let report;
  try {
    report = await api('GET', '/v1/reconciliation');
  } catch (e) {
    body.append(failure(e));
    return null;
  }
  remember(report);
  draw(body, report);

  const stop = new AbortController();
  let refreshing = null;
  let again = false;
  const refresh = async () => {
    if (refreshing) { again = true; return; }
    refreshing = (async () => {
      do {
        again = false;
        try {
          const next = await api('GET', '/v1/reconciliation');
          if (stop.signal.aborted) return;
          draw(body, next);
          announce(t('dash.updated'));
        } catch (e) {
          if (!stop.signal.aborted) live.textContent = t('dash.refresh_failed');
        }
      } while (again && !stop.signal.aborted);
    })();
    await refreshing;
    refreshing = null;
  };
  const unfollow = follow({
    types: TYPES,
    after: report.events_after,
    onEvent: refresh,
    onLive: (on) => {
      live.textContent = t(on ? 'dash.live' : 'dash.reconnecting');
      live.classList.toggle('on', on);
      // What changed while the stream was cut comes when it is resumed; the report is read again meanwhile.
      if (!on) refresh();
    },
  });
  return () => {
    stop.abort();
    unfollow();
  };
}
