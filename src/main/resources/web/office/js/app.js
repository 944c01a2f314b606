// The back office: a hash router over one screen at a time, the header (language, sign-out) and the navigation.
import { h, clear } from '/common/js/dom.js';
import { start, route, announce } from '/common/js/router.js';
import { t, language, setLanguage, addMessages } from '/common/js/i18n.js';
import fr from './messages/fr.js';
import en from './messages/en.js';
import { whenUnauthorized } from '/common/js/api.js';
import { session } from './session.js';
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

function header({ section }) {
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

/** Signing in until a token is given, then the route's screen. */
function choose(path) {
  return session.token() ? route(ROUTES, path) : { screen: signIn };
}

const app = start({ choose, header });
/** Where screens go next: {@code go('/member/x')}. */
export const go = app.go;
export { announce };

document.getElementById('lang').addEventListener('click', () => {
  setLanguage(language() === 'fr' ? 'en' : 'fr');
  app.render();
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
setLanguage(language());
app.render();
