// An app is one screen at a time, chosen by the URL's hash (#/path/parts?query): the screen draws into a fresh
// element, its heading takes the focus (a screen reader starts there) and names the tab, and what a change left to
// say (ui.flash) is shown under it. A screen still loading when the person moved on draws nothing.
import { h, clear } from './dom.js';
import { t, language, setLanguage } from './i18n.js';
import { done as doneBanner, takeFlash } from './ui.js';

const main = document.getElementById('main');
let pick = null;
let header = () => {};
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

/** The navigation: [href, message key, section] each, the current section marked for screen readers too. */
export function navigation(items, section) {
  return h('ul', {}, items.map(([href, key, name]) => h('li', {},
    h('a', { href, 'aria-current': name === section ? 'page' : null }, t(key)))));
}

async function render() {
  if (leave) leave();
  leave = null;
  const mine = ++generation;
  const hash = location.hash;
  const [path, query = ''] = (hash.replace(/^#/, '') || '/').split('?');
  const { screen, args = [], section = null } = pick(path);
  document.getElementById('brand').textContent = t('app.name');
  document.getElementById('skip').textContent = t('app.skip');
  const lang = document.getElementById('lang');
  lang.textContent = t('app.other_language');
  lang.lang = language() === 'fr' ? 'en' : 'fr';
  header(section);
  clear(main);
  const view = h('div', { class: 'screen' });
  main.append(view);
  const context = { params: new URLSearchParams(query), stillHere: () => mine === generation && view.isConnected };
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

/**
 * Starts the app. {@code choose(path)} answers the screen for a path: {screen, args?, section?}, where a screen is
 * {@code (view, context, ...args)} answering what to do when the person leaves it (or nothing);
 * {@code drawHeader(section)} draws the app's own part of the header.
 */
export function start(choose, drawHeader) {
  pick = choose;
  header = drawHeader;
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'fr' ? 'en' : 'fr');
    render();
  });
  window.addEventListener('hashchange', render);
  setLanguage(language());
  render();
}

/** The screen for {@code path} among {@code routes} ([pattern, screen, section] each; the first one otherwise). */
export function route(routes, path) {
  const found = routes.find(([re]) => re.test(path)) || routes[0];
  return { screen: found[1], section: found[2], args: (found[0].exec(path) || []).slice(1).map(decodeURIComponent) };
}
