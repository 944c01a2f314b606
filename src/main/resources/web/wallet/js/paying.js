// The last step of every payment: one button that says what it pays, then what the ledger answered. Paid is shown
// only from the ledger's answer; with no answer the same payment (same id) can be sent again, never paying twice.
import { h } from '/common/js/dom.js';
import { t, has, when } from '/common/js/i18n.js';
import { api, seg } from '/common/js/api.js';
import { problemMessage } from '/common/js/forms.js';
import { money } from '/common/js/currencies.js';
import { summary, link } from '/common/js/ui.js';
import { prepare, send } from './payments.js';
import { announce } from './app.js';

function refusal(outcome) {
  if (outcome.problem) return problemMessage(outcome.problem);
  return has('refused.' + outcome.code) ? t('refused.' + outcome.code) : t('refused.other', { code: outcome.code });
}

async function paidScreen(view, record, result) {
  const tr = result.transfer || record.transfer;
  let balance = null;
  try {
    balance = (await api('GET', '/v1/accounts/' + seg(tr.debit_account))).balance;
  } catch (e) {
    // The payment is made whatever this read answers; the balance is shown when it can be.
  }
  view.replaceChildren(h('h1', { id: 'paid-title' }, t('paid.title')),
    h('div', { class: 'panel success paid', id: 'paid', role: 'status' },
      h('p', { class: 'done' }, t('paid.lead', { amount: money(tr.amount, tr.currency), payee: record.shown.payee }))),
    summary([
      [t('paid.when'), when(tr.timestamp)],
      record.shown.memo ? [t('pay.memo'), record.shown.memo] : null,
      [t('paid.reference'), h('code', { class: 'wrap', id: 'paid-id' }, tr.id)],
      balance === null ? null : [t('paid.balance'), h('span', { id: 'balance-after' }, money(balance, tr.currency))],
    ]),
    h('p', {}, link('/', t('paid.back'))));
  announce(t('paid.title'));
  view.querySelector('h1').setAttribute('tabindex', '-1');
  view.querySelector('h1').focus();
}

/**
 * The pay button for {@code transfer} (without an id: the stored record gives it) made for {@code purpose}, or the
 * payment already waiting for an answer for it; {@code shown}: {payee, memo?} as the person confirms them.
 */
export function payButton(view, purpose, transfer, shown, waiting = null) {
  const status = h('div', { 'aria-live': 'polite' });
  const label = t('pay.button', { amount: money(transfer.amount, transfer.currency) });
  const button = h('button', { type: 'button', class: 'button pay', id: 'pay' }, waiting ? t('pay.retry') : label);
  if (waiting) status.append(unknownPanel());
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    status.replaceChildren(h('p', { class: 'hint' }, t('pay.sending')));
    try {
      const record = await prepare(purpose, transfer, shown);
      const outcome = await send(record);
      if (outcome.outcome === 'paid') {
        await paidScreen(view, record, outcome.result);
        return;
      }
      if (outcome.outcome === 'unknown') {
        status.replaceChildren(unknownPanel());
        button.textContent = t('pay.retry');
      } else {
        status.replaceChildren(h('div', { class: 'error-summary', role: 'alert', id: 'refused' },
          h('h2', {}, t('refused.title')), h('p', {}, refusal(outcome))));
        button.textContent = label;
      }
      status.firstChild.setAttribute('tabindex', '-1');
      status.firstChild.focus();
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
  return h('div', { class: 'pay-step' }, status, h('div', { class: 'actions' }, button));
}

function unknownPanel() {
  return h('div', { class: 'panel warning', id: 'unknown', role: 'alert' }, h('h2', {}, t('unknown.title')),
    h('p', {}, t('unknown.lead')));
}
