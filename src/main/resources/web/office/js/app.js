// The back office: its screens, the header (sign-out, navigation, who is signed in), over the shared router.
import { h, clear } from '/common/js/dom.js';
import { t, addMessages } from '/common/js/i18n.js';
import { whenUnauthorized } from '/common/js/api.js';
import { go, start, route, navigation } from '/common/js/router.js';
import fr from './messages/fr.js';
import en from './messages/en.js';
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

export { go, announce } from '/common/js/router.js';

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

function header(section) {
  const signout = document.getElementById('signout');
  signout.textContent = t('app.sign_out');
  signout.hidden = !session.token();
  const nav = document.getElementById('nav');
  nav.hidden = !session.token();
  clear(nav).append(navigation(NAV, section));
  if (session.token()) {
    nav.append(h('p', { class: 'role' }, session.isAdmin() ? t('app.role_admin') : t('app.role_auditor')));
  }
}

document.getElementById('signout').addEventListener('click', () => {
  session.clear();
  go('/');
});
whenUnauthorized(() => {
  session.clear();
  sessionStorage.setItem('mlml-office-ended', '1');
  go('/');
});
start((path) => (session.token() ? route(ROUTES, path) : { screen: signIn }), header);
