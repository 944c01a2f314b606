// The till: a hash router over one screen at a time. Until this device is enrolled, the only screen is enrolling
// it; then choosing the account it takes payments into; then taking payments.
import { h, clear } from '/common/js/dom.js';
import { t, language, setLanguage, addMessages } from '/common/js/i18n.js';
import { whenUnauthorized } from '/common/js/api.js';
import { done as doneBanner, takeFlash } from '/common/js/ui.js';
import fr from './messages/fr.js';
import en from './messages/en.js';
import { codeFromUrl } from '/common/js/device.js';
import { till, account } from './till.js';
import { start } from './activity.js';
import enrol from './screens/enrol.js';
import chooseAccount from './screens/account.js';
import newPayment from './screens/new-payment.js';
import request from './screens/request.js';
import holds from './screens/holds.js';
import hold from './screens/hold.js';
import takings from './screens/takings.js';
import refund from './screens/refund.js';

addMessages({ fr, en });

const ROUTES = [
  [/^\/$/, newPayment, 'pay'],
  [/^\/account$/, chooseAccount, null],
  [/^\/request\/([^/]+)$/, request, 'pay'],
  [/^\/holds$/, holds, 'holds'],
  [/^\/hold\/([^/]+)$/, hold, 'holds'],
  [/^\/takings$/, takings, 'takings'],
  [/^\/refund\/([^/]+)$/, refund, 'takings'],
];
const NAV = [['#/', 'nav.pay', 'pay'], ['#/holds', 'nav.holds', 'holds'], ['#/takings', 'nav.takings', 'takings']];

const main = document.getElementById('main');
let leave = null;
/** Counts renders: a screen still loading when the person moved on draws nothing. */
let generation = 0;
const ENDED = 'mlml-till-ended';

export function go(path) {
  if (location.hash === '#' + path) render();
  else location.hash = '#' + path;
}

/** Announces a result to screen readers (and shows nothing). */
export function announce(message) {
  const live = document.getElementById('live');
  live.textContent = '';
  setTimeout(() => { live.textContent = message; }, 50);
}

function header(section) {
  document.getElementById('brand').textContent = t('app.name');
  document.getElementById('skip').textContent = t('app.skip');
  const lang = document.getElementById('lang');
  lang.textContent = t('app.other_language');
  lang.lang = language() === 'fr' ? 'en' : 'fr';
  const nav = document.getElementById('nav');
  const ready = Boolean(till.who() && account());
  nav.hidden = !ready;
  clear(nav);
  if (ready) {
    nav.append(h('ul', {}, NAV.map(([href, key, name]) => h('li', {},
      h('a', { href, 'aria-current': name === section ? 'page' : null }, t(key))))));
  }
}

async function render() {
  if (leave) leave();
  leave = null;
  const mine = ++generation;
  const hash = location.hash;
  const [path] = (hash.replace(/^#/, '') || '/').split('?');
  let screen = enrol;
  let args = [];
  let section = null;
  if (codeFromUrl()) {
    screen = enrol; // an enrollment link opened on a till already enrolled enrols it anew
  } else if (till.who() && !account()) {
    screen = chooseAccount;
  } else if (till.who()) {
    const found = ROUTES.find(([re]) => re.test(path)) || ROUTES[0];
    screen = found[1];
    section = found[2];
    args = (found[0].exec(path) || []).slice(1).map(decodeURIComponent);
  }
  header(section);
  clear(main);
  const view = h('div', { class: 'screen' });
  main.append(view);
  const context = { stillHere: () => mine === generation && view.isConnected, ended: takeEnded() };
  try {
    leave = (await screen(view, context, ...args)) || null;
  } catch (e) {
    if (mine !== generation) return;
    console.error(e);
    view.append(h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, t('error.title')),
      h('p', {}, e.message || String(e))));
  }
  if (mine !== generation) {
    if (leave) leave();
    return;
  }
  if (location.hash !== hash) return; // the screen led on at once: what it leaves is for the next one
  const heading = view.querySelector('h1');
  const done = takeFlash();
  if (done && heading) heading.after(doneBanner(done));
  document.title = (heading ? heading.textContent + ' — ' : '') + t('app.name');
  (heading || main).setAttribute('tabindex', '-1');
  (heading || main).focus({ preventScroll: true });
}

function takeEnded() {
  const ended = sessionStorage.getItem(ENDED);
  sessionStorage.removeItem(ENDED);
  return Boolean(ended);
}

/** Once enrolled: the activity of this till is followed from here on. */
export function enrolled() {
  start(till.who().terminal_id);
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  render();
});
// A revoked or expired token: the till forgets it and asks to be enrolled again.
whenUnauthorized(async () => {
  await till.forget();
  sessionStorage.setItem(ENDED, '1');
  location.reload();
});
window.addEventListener('hashchange', render);
setLanguage(language());
await till.load();
if (till.who()) enrolled();
render();
