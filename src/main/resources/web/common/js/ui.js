// The few page parts every screen uses: headings, key–value lists, tables, notices.
import { h } from './dom.js';
import { t } from './i18n.js';
import { problemMessage } from './forms.js';

/** A key–value list: rows of [label, value]. */
export function summary(rows) {
  return h('dl', { class: 'summary' }, rows.filter(Boolean).map(([key, value]) =>
    h('div', { class: 'summary-row' }, h('dt', {}, key), h('dd', {}, value))));
}

/** A table with a caption; {@code numeric} names the columns aligned right. */
export function table(caption, headings, rows, numeric = []) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {}, h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, headings.map((x, i) => h('th', { scope: 'col', class: numeric.includes(i)
        ? 'num' : null }, x)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => h('td', { class: numeric.includes(i)
        ? 'num' : null }, c)))))));
}

export function link(href, text) {
  return h('a', { href: '#' + href }, text);
}

export function back(href, text) {
  return h('a', { class: 'back', href: '#' + href }, text);
}

/** What a change did, shown on the screen it led to; the screen reader hears it through its role. */
export function done(message) {
  return h('div', { class: 'panel success', role: 'status' }, h('p', { class: 'done' }, message));
}

/** A notice in the page's flow (read-only token, nothing yet). */
export function notice(text) {
  return h('p', { class: 'notice' }, text);
}

/** What could not be loaded, in words. */
export function failure(error) {
  return h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, t('error.title')),
    h('p', {}, problemMessage(error)));
}

/** An SVG the service drew (a QR code), parsed as an image document and put in the page as nodes: no HTML text. */
export function svgImage(svgText, label) {
  const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'qr');
  return document.importNode(svg, true);
}

/** A file the API answered given to the browser to save, under the API's name for it or else {@code name}. */
export function save(file, name) {
  const url = URL.createObjectURL(file.blob);
  const a = h('a', { href: url, download: file.name || name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const FLASH = 'mlml-flash';

/** A success to show on the next screen (after a change leads there). */
export function flash(message) {
  sessionStorage.setItem(FLASH, message);
}

/** The success left by {@link flash}, once. */
export function takeFlash() {
  const message = sessionStorage.getItem(FLASH);
  sessionStorage.removeItem(FLASH);
  return message;
}
