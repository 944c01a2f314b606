// One screen at a time, chosen from the address's hash (#/path/with/parts?query): how every app moves between its
// screens. A screen is async (view, context, ...parts of the path) and may answer what to do when it is left (stop
// a stream, a camera). The page's h1 then takes the focus and names the tab, for screen readers.
import { h, clear } from './dom.js';
import { t } from './i18n.js';
import { Problem } from './api.js';
import { done as doneBanner, takeFlash, failure } from './ui.js';

/** The route of {@code routes} ([regex, screen, section]) {@code path} takes, the first one if none: its parts. */
export function route(routes, path) {
  const found = routes.find(([re]) => re.test(path)) || routes[0];
  return { screen: found[1], section: found[2], args: (found[0].exec(path) || []).slice(1).map(decodeURIComponent) };
}

/**
 * Starts the app: {@code choose(path)} answers {screen, args, section, context?} for the path (after any await),
 * {@code header(chosen)} draws the top of the page for it. Answers {@code go(path)} and {@code render()}.
 */
export function start({ choose, header }) {
  const main = document.getElementById('main');
  let leave = null;
  /** Counts renders: a screen still loading when the person moved on draws nothing. */
  let generation = 0;

  async function render() {
    if (leave) leave();
    leave = null;
    const mine = ++generation;
    const raw = location.hash.replace(/^#/, '') || '/';
    const [path, query = ''] = raw.split('?');
    const chosen = await choose(path);
    if (mine !== generation) return;
    header(chosen);
    clear(main);
    const view = h('div', { class: 'screen' });
    main.append(view);
    const context = { ...chosen.context, params: new URLSearchParams(query),
      stillHere: () => mine === generation && view.isConnected };
    try {
      leave = (await chosen.screen(view, context, ...(chosen.args || []))) || null;
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

  function go(path) {
    if (location.hash === '#' + path) render();
    else location.hash = '#' + path;
  }

  window.addEventListener('hashchange', render);
  return { go, render };
}

/** Announces a result to screen readers (and shows nothing). */
export function announce(message) {
  const live = document.getElementById('live');
  live.textContent = '';
  setTimeout(() => { live.textContent = message; }, 50);
}
