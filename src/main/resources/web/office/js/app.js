// The back office: a hash router over one screen at a time, the header (language, sign-out) and the navigation.
import { h, clear } from '/common/js/dom.js';
import { t, language, setLanguage, addMessages } from '/common/js/i18n.js';
import fr from './messages/fr.js';
import en from './messages/en.js';
import { whenUnauthorized } from '/common/js/api.js';
import { session } from './session.js';
import { done as doneBanner, takeFlash } from '/common/js/ui.js';
import signIn from './screens/signin.js';
import dashboard from './screens/dashboard.js';
import members from './screens/members.js';
import newMember from './screens/new-member.js';
import member from './screens/member.js';
import account from './screens/account.js';
import issuance from './screens/issuance.js';
import devices from './screens/devices.js';
import audit from './screens/audit.js';

addMessages({ fr, en });

/** #/path/with/parts?query → the screen, and its parameters. */
const ROUTES = [
  [/^\/$/, dashboard, 'dashboard'],
  [/^\/members$/, members, 'members'],
  [/^\/members\/new$/, newMember, 'members'],
  [/^\/member\/([^/]+)$/, member, 'members'],
  [/^\/member\/([^/]+)\/devices$/, devices, 'members'],
  [/^\/account\/([^/]+)$/, account, 'members'],
  [/^\/issue$/, issuance, 'issue'],
  [/^\/audit$/, audit, 'audit'],
];
const NAV = [['#/', 'nav.dashboard', 'dashboard'], ['#/members', 'nav.members', 'members'],
  ['#/issue', 'nav.issue', 'issue'], ['#/audit', 'nav.audit', 'audit']];

const main = document.getElementById('main');
let leave = null;
/** Counts renders: a screen still loading when the person moved on draws nothing. */
let generation = 0;

/** Where screens go next: {@code go('/member/x')}. */
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
  const other = language() === 'fr' ? 'en' : 'fr';
  lang.textContent = t('app.other_language');
  lang.lang = other;
  const signout = document.getElementById('signout');
  signout.textContent = t('app.sign_out');
  signout.hidden = !session.token();
  const nav = document.getElementById('nav');
  nav.hidden = !session.token();
  clear(nav).append(h('ul', {}, NAV.map(([href, key, name]) => h('li', {},
    h('a', { href, 'aria-current': name === section ? 'page' : null }, t(key))))));
  if (session.token()) {
    nav.append(h('p', { class: 'role' }, session.isAdmin() ? t('app.role_admin') : t('app.role_auditor')));
  }
}

async function render() {
  if (leave) leave();
  leave = null;
  const mine = ++generation;
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  const params = new URLSearchParams(query);
  let screen = signIn;
  let args = [];
  let section = null;
  if (session.token()) {
    const found = ROUTES.find(([re]) => re.test(path)) || ROUTES[0];
    screen = found[1];
    section = found[2];
    args = (found[0].exec(path) || []).slice(1).map(decodeURIComponent);
  }
  header(section);
  clear(main);
  const view = h('div', { class: 'screen' });
  main.append(view);
  const context = { params, stillHere: () => mine === generation && view.isConnected };
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
  const heading = view.querySelector('h1');
  const done = takeFlash();
  if (done && heading) heading.after(doneBanner(done));
  document.title = (heading ? heading.textContent + ' — ' : '') + t('app.name');
  (heading || main).setAttribute('tabindex', '-1');
  (heading || main).focus({ preventScroll: true });
}

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  render();
});
document.getElementById('signout').addEventListener('click', () => {
  session.clear();
  go('/');
});
whenUnauthorized(() => {
  session.clear();
  sessionStorage.setItem('mlml-office-ended', '1');
  go('/');
});
window.addEventListener('hashchange', render);
setLanguage(language());
render();
