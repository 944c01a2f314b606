// The holds customers made to the business, still open: each leads to capturing or voiding it.
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { money } from '/common/js/currencies.js';
import { table, link, notice } from '/common/js/ui.js';
import { activity, watch } from '../activity.js';

export default function holds(view) {
  const body = h('div', { id: 'holds' });
  view.append(h('h1', {}, t('holds.title')), h('p', { class: 'lead' }, t('holds.lead')), body);
  const draw = () => {
    const open = activity.holds();
    body.replaceChildren(open.length === 0 ? notice(t('holds.none'))
      : table(t('holds.caption'), [t('holds.at'), t('holds.amount'), t('holds.memo'), ''], open.map((x) => [
        when(x.timestamp), money(x.amount, x.currency), x.memo || '—',
        link('/hold/' + encodeURIComponent(x.id), t('holds.open', { amount: money(x.amount, x.currency) })),
      ]), [1]));
  };
  draw();
  return watch(draw);
}
