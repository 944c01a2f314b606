// Every word the back office shows comes from one message table per language; French unless the person chose
// English (kept in localStorage: a preference, not a secret).
import fr from './messages/fr.js';
import en from './messages/en.js';

const TABLES = { fr, en };
const KEY = 'mlml-office-lang';

let lang = TABLES[localStorage.getItem(KEY)] ? localStorage.getItem(KEY) : 'fr';

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
