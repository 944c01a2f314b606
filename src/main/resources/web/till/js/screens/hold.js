// One hold: capture it (all of it, or less: the rest goes back to the customer) or void it. Both are signed by
// this till's key (operations post and void).
import { h } from '/common/js/dom.js';
import { t, when } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { form, amount, FieldError } from '/common/js/forms.js';
import { money, parse, editable } from '/common/js/currencies.js';
import { summary, back, notice, flash } from '/common/js/ui.js';
import { till } from '../till.js';
import { activity, watch } from '../activity.js';
import { go } from '../app.js';

export default function hold(view, context, id) {
  // Opened from a link or a reload, the hold may not have come down the stream yet: drawn once it has.
  let drawn = false;
  const draw = () => {
    const x = activity.hold(id);
    if (drawn || (!x && view.childElementCount > 0)) return;
    drawn = Boolean(x);
    view.replaceChildren(back('/holds', t('hold.back')));
    if (x) details(view, x);
    else view.append(h('h1', {}, t('hold.title')), notice(t('hold.gone')));
    view.querySelector('h1').focus();
  };
  draw();
  return watch(draw);
}

function details(view, x) {
  const total = money(x.amount, x.currency);
  view.append(h('h1', {}, t('hold.title_amount', { amount: total })),
    summary([[t('hold.at'), when(x.timestamp)], [t('hold.memo'), x.memo || '—'], [t('hold.from'), x.debit_account]]),
    h('h2', {}, t('hold.capture_title')),
    form(t('hold.capture'), [
      amount('amount', t('hold.amount'), x.currency, { value: editable(x.amount, x.currency),
        hint: t('hold.amount_hint', { amount: total }) }),
    ], async (v) => {
      const units = parse(v.amount, x.currency);
      if (units === null || units <= 0 || units > x.amount) throw new FieldError('amount', 'hold.amount_range');
      await api('POST', '/v1/transfers/' + seg(x.id) + '/post', await till.sign('post', { id: x.id, amount: units }));
      flash(t('hold.captured', { amount: money(units, x.currency) }));
      go('/holds');
    }, { codeFields: { pending_already_resolved: 'amount', pending_expired: 'amount', invalid_amount: 'amount' } }),
    h('h2', {}, t('hold.void_title')),
    form(t('hold.void'), [h('p', {}, t('hold.void_lead', { amount: total }))], async () => {
      await api('POST', '/v1/transfers/' + seg(x.id) + '/void', await till.sign('void', { id: x.id }));
      flash(t('hold.voided', { amount: total }));
      go('/holds');
    }, { secondary: true }));
}
