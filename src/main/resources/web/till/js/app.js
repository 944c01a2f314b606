// The till: until this device is enrolled, the only screen is enrolling it; then choosing the account it takes
// payments into; then taking payments. Over the shared router.
import { clear } from '/common/js/dom.js';
import { addMessages } from '/common/js/i18n.js';
import { whenUnauthorized } from '/common/js/api.js';
import { start as startRouter, route, navigation } from '/common/js/router.js';
import { codeFromUrl } from '/common/js/device.js';
import fr from './messages/fr.js';
import en from './messages/en.js';
import { till, account } from './till.js';
import { start as follow } from './activity.js';
import enrol from './screens/enrol.js';
import chooseAccount from './screens/account.js';
import newPayment from './screens/new-payment.js';
import request from './screens/request.js';
import holds from './screens/holds.js';
import hold from './screens/hold.js';
import takings from './screens/takings.js';
import refund from './screens/refund.js';

export { go, announce } from '/common/js/router.js';

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
/** Set when the token stopped working: the enrollment screen says why it is back. */
export const ENDED = 'mlml-till-ended';

function header(section) {
  const nav = document.getElementById('nav');
  const ready = Boolean(till.who() && account());
  nav.hidden = !ready;
  clear(nav);
  if (ready) nav.append(navigation(NAV, section));
}

function choose(path) {
  // An enrollment link opened on a till already enrolled enrols it anew.
  if (codeFromUrl() || !till.who()) return { screen: enrol };
  if (!account()) return { screen: chooseAccount };
  return route(ROUTES, path);
}

/** Once enrolled: the activity of this till is followed from here on. */
export function enrolled() {
  follow(till.who().member_id, till.who().terminal_id);
}

// A revoked or expired token: the till forgets it and asks to be enrolled again.
whenUnauthorized(async () => {
  await till.forget();
  sessionStorage.setItem(ENDED, '1');
  location.reload();
});
await till.load();
if (till.who()) enrolled();
startRouter(choose, header);
