// The audit chain's signed head, a full check of it from storage, and the books exported for accountants'
// tools: the hledger journal and the French FEC.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api, download } from '/common/js/api.js';
import { form, text, FieldError } from '/common/js/forms.js';
import { summary, failure, save } from '/common/js/ui.js';
import { announce } from '../app.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default async function audit(view) {
  view.append(h('h1', {}, t('audit.title')));
  const head = h('section', { class: 'section' }, h('h2', {}, t('audit.head')));
  view.append(head);
  try {
    const c = await api('GET', '/v1/audit/chain');
    head.append(summary([[t('audit.sequence'), String(c.sequence)], [t('audit.hash'), h('code', { class: 'wrap' },
      c.hash)], [t('audit.signature'), h('code', { class: 'wrap' }, c.signature)],
    [t('audit.key'), h('code', { class: 'wrap' }, c.ledger_public_key)]]));
  } catch (e) {
    head.append(failure(e));
  }
  const result = h('div', { id: 'verify-result', 'aria-live': 'polite' });
  view.append(h('section', { class: 'section' }, h('h2', {}, t('audit.verify_title')), h('p', { class: 'hint' },
    t('audit.verify_lead')), form(t('audit.verify'), [], async () => {
    result.replaceChildren(h('p', {}, t('audit.verifying')));
    const v = await api('GET', '/v1/audit/verify');
    const message = v.ok ? t('audit.ok', { n: v.batches_checked })
      : t('audit.bad', { n: v.batches_checked, seq: v.first_bad_sequence });
    result.replaceChildren(h('p', { class: v.ok ? 'panel success' : 'panel warning', role: 'status' }, message));
    announce(message);
  }, { secondary: true }), result));

  const year = new Date().toISOString().slice(0, 4);
  view.append(h('section', { class: 'section' }, h('h2', {}, t('audit.exports')),
    h('h3', {}, t('audit.hledger')), h('p', { class: 'hint' }, t('audit.hledger_lead')),
    form(t('audit.hledger_button'), [], async () => {
      save(await download('/v1/export/journal?format=hledger'), 'mlml-ledger.journal');
    }, { secondary: true }),
    h('h3', {}, t('audit.fec')), h('p', { class: 'hint' }, t('audit.fec_lead')),
    form(t('audit.fec_button'), [
      text('from', t('audit.fec_from'), { type: 'date', value: year + '-01-01', width: 'w10' }),
      text('to', t('audit.fec_to'), { type: 'date', value: year + '-12-31', width: 'w10' }),
    ], async (v) => {
      if (!DATE.test(v.from)) throw new FieldError('from', 'invalid.date');
      if (!DATE.test(v.to)) throw new FieldError('to', 'invalid.date');
      if (v.to < v.from) throw new FieldError('to', 'statement.order');
      const query = new URLSearchParams({ from: v.from + 'T00:00:00Z', to: v.to + 'T23:59:59.999Z' });
      save(await download('/v1/export/fec?' + query), `FEC${v.to.replace(/-/g, '')}.txt`);
    }, { secondary: true })));
}
