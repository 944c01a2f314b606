// A payment request on the counter: the amount in large, its QR code and its link as text, until when it may be
// paid; the screen turns green with "Paid" the moment the ledger says so (event stream), or, while the stream is
// cut, when a poll of the request finds it paid.
import { h } from '/common/js/dom.js';
import { t } from '/common/js/i18n.js';
import { api, download, seg } from '/common/js/api.js';
import { money } from '/common/js/currencies.js';
import { svgImage, failure } from '/common/js/ui.js';
import { currencyOf } from '../till.js';
import { activity, watch } from '../activity.js';
import { announce } from '../app.js';

const POLL_MS = 2000;

function time(instant) {
  return new Intl.DateTimeFormat(t('locale'), { timeStyle: 'short' }).format(new Date(instant));
}

export default async function request(view, context, id) {
  let r;
  let qr;
  try {
    r = await api('GET', '/v1/payment-requests/' + seg(id));
    qr = await (await download('/v1/payment-requests/' + seg(id) + '/qr.svg')).blob.text();
  } catch (e) {
    view.append(h('h1', {}, t('request.title')), failure(e));
    return null;
  }
  if (!context.stillHere()) return null;
  const amountText = money(r.amount, currencyOf(r.credit_account));
  const state = h('div', { id: 'request-state', 'aria-live': 'assertive' });
  const waiting = h('div', { class: 'till-qr' },
    h('p', { class: 'hint', id: 'expires' }, t('request.expires', { at: time(r.expires_at) })),
    h('p', {}, t('request.scan')),
    svgImage(qr, t('request.qr_label')),
    h('p', {}, t('request.or_link')),
    h('p', {}, h('a', { class: 'pay-link', id: 'pay-link', href: r.pay_url }, r.pay_url)),
    h('p', { class: 'live-state', id: 'live-state' }));
  view.append(h('h1', {}, t('request.title')), h('p', { class: 'to-pay', id: 'to-pay' }, amountText),
    r.memo ? h('p', {}, r.memo) : null, state, waiting,
    h('p', {}, h('a', { class: 'button secondary', href: '#/' }, t('request.another'))));

  let shown = null;
  const show = (status) => {
    if (status === shown || shown === 'paid' || shown === 'expired') return; // a request ends once
    shown = status;
    if (status === 'paid') {
      waiting.hidden = true;
      view.querySelector('h1').textContent = t('request.title_paid');
      view.querySelector('.to-pay').remove();
      state.replaceChildren(h('div', { class: 'paid', role: 'status' },
        h('p', { class: 'to-pay', id: 'paid-amount' }, amountText), h('p', {}, t('request.paid'))));
      view.querySelector('a.button').classList.remove('secondary');
      announce(t('request.paid_announce', { amount: amountText }));
    } else if (status === 'expired') {
      waiting.hidden = true;
      state.replaceChildren(h('p', { class: 'expired', role: 'alert' }, t('request.expired')));
    }
  };
  const liveState = () => {
    const el = view.querySelector('#live-state');
    if (!el) return;
    el.textContent = activity.live() ? t('request.live') : t('request.polling');
    el.classList.toggle('on', activity.live());
  };
  show(r.status);
  liveState();
  const unwatch = watch(() => {
    const seen = activity.request(r.id);
    if (seen) show(seen.status);
    liveState();
  });
  // The stream may be cut (a phone network, a proxy): then the request itself is read every few seconds.
  const poll = setInterval(async () => {
    if (activity.live() || shown !== 'open') return;
    try {
      show((await api('GET', '/v1/payment-requests/' + seg(id))).status);
    } catch (e) {
      // The next poll tries again; the stream may be back first.
    }
  }, POLL_MS);
  return () => {
    unwatch();
    clearInterval(poll);
  };
}
