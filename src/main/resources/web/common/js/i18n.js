// Every word an app shows comes from message tables, one per language: the words all apps share
// (messages/fr.js, en.js beside this file) under the app's own, which it adds with addMessages. French unless the
// person chose English (kept in localStorage, for every app of this site: a preference, not a secret).
import commonFr from './messages/fr.js';
import commonEn from './messages/en.js';

const TABLES = { fr: { ...commonFr }, en: { ...commonEn } };
const KEY = 'mlml-lang';

let lang = TABLES[localStorage.getItem(KEY)] ? localStorage.getItem(KEY) : 'fr';

/** Adds an app's own messages ({fr: {...}, en: {...}}) over the shared ones. */
export function addMessages(tables) {
  for (const [name, table] of Object.entries(tables)) Object.assign(TABLES[name], table);
}

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = TABLES[next] ? next : 'fr';
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}

/** The message {@code key}, its {name} placeholders filled from {@code vars}; the key itself if it is missing. */
export function t(key, vars = {}) {
  const text = TABLES[lang][key] ?? TABLES.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Whether the table has a message for {@code key}. */
export function has(key) {
  return key in TABLES[lang];
}

/** An instant of the API (RFC 3339) as a date and time in the person's language. */
export function when(instant) {
  if (!instant) return '—';
  return new Intl.DateTimeFormat(t('locale'), { dateStyle: 'medium', timeStyle: 'medium' })
    .format(new Date(instant));
}
