// The day's takings: what this till was paid today (its payment requests paid, the holds it captured), its refunds,
// and what is left, per currency. From the event stream: what the terminal may see, nothing more.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { money } from '/common/js/currencies.js';
import { summary, table, link, notice } from '/common/js/ui.js';
import { currencyOf } from '../till.js';
import { activity, watch } from '../activity.js';

function time(instant) {
  return new Intl.DateTimeFormat(t('locale'), { timeStyle: 'medium' }).format(new Date(instant));
}

function totals(items) {
  const by = new Map();
  for (const x of items) {
    const currency = x.currency ?? currencyOf(x.account);
    const sums = by.get(currency) || { in: 0, count: 0, refunds: 0 };
    if (x.kind === 'refund') sums.refunds += x.amount;
    else {
      sums.in += x.amount;
      sums.count += 1;
    }
    by.set(currency, sums);
  }
  return by;
}

export default function takings(view) {
  const body = h('div', { id: 'takings' });
  view.append(h('h1', {}, t('takings.title')), body);
  const draw = () => {
    const items = activity.day();
    if (items.length === 0) {
      body.replaceChildren(notice(t('takings.none')));
      return;
    }
    const sections = [...totals(items)].map(([currency, s]) => h('section', { class: 'card' },
      h('h2', {}, t('currency.' + currency), ' ', h('span', { class: 'code' }, currency)),
      summary([[t('takings.count'), String(s.count)], [t('takings.received'), money(s.in, currency)],
        [t('takings.refunded'), money(s.refunds, currency)],
        [t('takings.net'), money(s.in - s.refunds, currency)]])));
    // Three columns, so that the amounts stay on a phone's screen: what it was (its memo, and a refund link
    // for a payment) in one.
    const rows = [...items].reverse().map((x) => {
      const currency = x.currency ?? currencyOf(x.account);
      const signed = x.kind === 'refund' ? -x.amount : x.amount;
      const what = h('span', {}, t('takings.kind_' + x.kind), x.memo ? h('span', { class: 'meta' }, ' — ', x.memo)
        : null, x.kind === 'payment' ? [h('br'), link('/refund/' + encodeURIComponent(x.transfer_id),
        t('takings.refund'))] : null);
      return [time(x.at), what, money(signed, currency)];
    });
    body.replaceChildren(h('div', { class: 'cards' }, sections),
      table(t('takings.caption'), [t('takings.at'), t('takings.what'), t('takings.amount')], rows, [2]));
  };
  draw();
  return watch(draw);
}
