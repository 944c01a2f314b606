// The wallet: a hash router over one screen at a time, the header (language) and the navigation. A device that is
// not enrolled (never, or its storage was wiped, or its token revoked) sees only the enrollment screen.
import { h, clear } from '/common/js/dom.js';
import { start, route, announce } from '/common/js/router.js';
import { t, language, setLanguage, addMessages } from '/common/js/i18n.js';
import { whenUnauthorized } from '/common/js/api.js';
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

function header({ section, context }) {
  const member = context?.member;
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

/** The screen for {@code path}: the enrollment until this device is enrolled, then the route's. */
async function choose(path) {
  const code = enrollmentCode();
  if (code !== null) return { screen: enroll, args: [code] };
  let member;
  try {
    member = await me();
  } catch (e) {
    return { screen: () => { throw e; } };
  }
  if (!member) {
    // What the person was about to pay waits until the device is enrolled.
    if (/^\/(pay|pay-to)\//.test(path)) sessionStorage.setItem('mlml-wallet-after-enroll', path);
    return { screen: enroll, args: [null] };
  }
  return { ...route(ROUTES, path), context: { member } };
}

const app = start({ choose, header });
/** Where screens go next: {@code go('/account/x')}. */
export const go = app.go;
export { announce };

/** After enrolling: the payment the person had opened, or the accounts. */
export function enrolled() {
  const next = sessionStorage.getItem('mlml-wallet-after-enroll');
  sessionStorage.removeItem('mlml-wallet-after-enroll');
  go(next || '/');
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  app.render();
});
whenUnauthorized(async () => {
  await forget();
  sessionStorage.setItem('mlml-wallet-ended', '1');
  go('/enroll');
});
setLanguage(language());
app.render();
