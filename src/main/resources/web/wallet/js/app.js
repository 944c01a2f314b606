// The wallet: its screens and navigation, over the shared router. A device that is not enrolled (never, or its
// storage was wiped, or its token revoked) sees only the enrollment screen.
import { clear } from '/common/js/dom.js';
import { go, start, route, navigation } from '/common/js/router.js';
import { addMessages } from '/common/js/i18n.js';
import { whenUnauthorized } from '/common/js/api.js';
import fr from './messages/fr.js';
import en from './messages/en.js';
import { codeFromUrl } from '/common/js/device.js';
import { load, enrolledHere, known, me, forget } from './me.js';
import enroll from './screens/enroll.js';
import home from './screens/home.js';
import account from './screens/account.js';
import payRequest from './screens/pay-request.js';
import payTo from './screens/pay-to.js';
import scan from './screens/scan.js';
import directory from './screens/directory.js';
import convert from './screens/convert.js';

export { go, announce } from '/common/js/router.js';

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

function header(section) {
  const member = known();
  const nav = document.getElementById('nav');
  nav.hidden = !member;
  clear(nav);
  if (member) nav.append(navigation(NAV.filter((n) => !n[3] || n[3](member)), section));
}

/** An enrollment link opens the wallet at {@code #enroll=<code>}: the code is taken out of the address at once. */
function enrollmentCode() {
  const code = codeFromUrl();
  if (code) history.replaceState(null, '', location.pathname + '#/enroll');
  return code;
}

/** The screen for {@code path}: the enrollment until this device is enrolled, then the route's. */
function choose(path) {
  const code = enrollmentCode();
  if (code !== null) return { screen: enroll, args: [code] };
  if (!enrolledHere()) {
    // What the person was about to pay waits until the device is enrolled.
    if (/^\/(pay|pay-to)\//.test(path)) sessionStorage.setItem('mlml-wallet-after-enroll', path);
    return { screen: enroll, args: [null] };
  }
  return route(ROUTES, path);
}

/** After enrolling: the payment the person had opened, or the accounts. */
export async function enrolled() {
  await me(true);
  const next = sessionStorage.getItem('mlml-wallet-after-enroll');
  sessionStorage.removeItem('mlml-wallet-after-enroll');
  go(next || '/');
}

whenUnauthorized(async () => {
  await forget();
  sessionStorage.setItem('mlml-wallet-ended', '1');
  go('/enroll');
});
// Who this device is, before the first screen (its member read once, for the navigation): a phone without a
// connection still opens, and each screen says what it cannot read.
await load();
await me().catch(() => null);
start(choose, header);
