// The wallet: a hash router over one screen at a time, the header (language) and the navigation. A device that is
// not enrolled (never, or its storage was wiped, or its token revoked) sees only the enrollment screen.
import { h, clear } from '/common/js/dom.js';
import { t, language, setLanguage, addMessages } from '/common/js/i18n.js';
import { whenUnauthorized, Problem } from '/common/js/api.js';
import { done as doneBanner, takeFlash, failure } from '/common/js/ui.js';
import fr from './messages/fr.js';
import en from './messages/en.js';
import { codeFromUrl } from '/common/js/device.js';
import { me, forget } from './me.js';
import enroll from './screens/enroll.js';
import home from './screens/home.js';
import account from './screens/account.js';
import payRequest from './screens/pay-request.js';
import payTo from './screens/pay-to.js';
import scan from './screens/scan.js';
import directory from './screens/directory.js';
import convert from './screens/convert.js';

addMessages({ fr, en });

/** #/path/with/parts?query → the screen, and its parameters. */
const ROUTES = [
  [/^\/$/, home, 'home'],
  [/^\/account\/([^/]+)$/, account, 'home'],
  [/^\/pay\/([^/]+)$/, payRequest, 'scan'],
  [/^\/pay-to\/([^/]+)$/, payTo, 'directory'],
  [/^\/scan$/, scan, 'scan'],
  [/^\/directory$/, directory, 'directory'],
  [/^\/convert$/, convert, 'convert'],
];
const NAV = [['#/', 'nav.home', 'home'], ['#/scan', 'nav.scan', 'scan'], ['#/directory', 'nav.directory',
  'directory'], ['#/convert', 'nav.convert', 'convert', (m) => m.kind === 'business']];

const main = document.getElementById('main');
let leave = null;
/** Counts renders: a screen still loading when the person moved on draws nothing. */
let generation = 0;

/** Where screens go next: {@code go('/account/x')}. */
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

function header(section, member) {
  document.getElementById('brand').textContent = t('app.name');
  document.getElementById('skip').textContent = t('app.skip');
  const lang = document.getElementById('lang');
  lang.textContent = t('app.other_language');
  lang.lang = language() === 'fr' ? 'en' : 'fr';
  const nav = document.getElementById('nav');
  nav.hidden = !member;
  if (!member) return;
  clear(nav).append(h('ul', {}, NAV.filter((n) => !n[3] || n[3](member)).map(([href, key, name]) => h('li', {},
    h('a', { href, 'aria-current': name === section ? 'page' : null }, t(key))))));
}

/** An enrollment link opens the wallet at {@code #enroll=<code>}: the code is taken out of the address at once. */
function enrollmentCode() {
  const code = codeFromUrl();
  if (code) history.replaceState(null, '', location.pathname + '#/enroll');
  return code;
}

async function render() {
  if (leave) leave();
  leave = null;
  const mine = ++generation;
  const code = enrollmentCode();
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  let member = null;
  let failed = null;
  if (code === null) member = await me().catch((e) => { failed = e; return null; });
  if (mine !== generation) return;
  let screen = enroll;
  let args = [code];
  let section = null;
  if (member) {
    const found = ROUTES.find(([re]) => re.test(path)) || ROUTES[0];
    screen = found[1];
    section = found[2];
    args = (found[0].exec(path) || []).slice(1).map(decodeURIComponent);
  } else if (/^\/(pay|pay-to)\//.test(path)) {
    // What the person was about to pay waits until the device is enrolled.
    sessionStorage.setItem('mlml-wallet-after-enroll', path);
  }
  header(section, member);
  clear(main);
  const view = h('div', { class: 'screen' });
  main.append(view);
  const context = { params, member, stillHere: () => mine === generation && view.isConnected };
  try {
    if (failed) throw failed;
    leave = (await screen(view, context, ...args)) || null;
  } catch (e) {
    if (mine !== generation) return;
    if (!(e instanceof Problem)) console.error(e);
    view.append(failure(e));
  }
  if (mine !== generation) {
    if (leave) leave();
    return;
  }
  const heading = view.querySelector('h1');
  const done = takeFlash();
  if (done && heading) heading.after(doneBanner(done));
  document.title = (heading ? heading.textContent + ' — ' : '') + t('app.name');
  (heading || main).setAttribute('tabindex', '-1');
  (heading || main).focus({ preventScroll: true });
}

/** After enrolling: the payment the person had opened, or the accounts. */
export function enrolled() {
  const next = sessionStorage.getItem('mlml-wallet-after-enroll');
  sessionStorage.removeItem('mlml-wallet-after-enroll');
  go(next || '/');
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  render();
});
whenUnauthorized(async () => {
  await forget();
  sessionStorage.setItem('mlml-wallet-ended', '1');
  go('/enroll');
});
window.addEventListener('hashchange', render);
setLanguage(language());
render();
