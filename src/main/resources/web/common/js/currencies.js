// The currencies' scales and kinds: amounts are shown and parsed with their own currency's number of decimals. An
// app that can read the reconciliation report remembers them from it; until then a currency has 2 decimals.
import { t } from './i18n.js';
import { formatAmount, formatMoney, parseAmount } from './money.js';

const KEY = 'mlml-currencies';
let known = JSON.parse(sessionStorage.getItem(KEY) || '{}');

/** Remembers the currencies of a reconciliation report. */
export function remember(report) {
  known = {};
  for (const c of report.currencies) known[c.currency] = { scale: c.scale, kind: c.kind };
  sessionStorage.setItem(KEY, JSON.stringify(known));
}

export function currencies() {
  return known;
}

function scaleOf(currency) {
  return known[currency]?.scale ?? 2;
}

/** Minor units shown with the currency's format, in the person's language. */
export function money(units, currency) {
  return formatMoney(units, currency, scaleOf(currency), t('locale'), t('decimal'));
}

/** The typed text as minor units of {@code currency}, or null. */
export function parse(text, currency) {
  return parseAmount(text, scaleOf(currency));
}

/** An amount as the text to put back in a field ("-1000,00"): what parse reads. */
export function editable(units, currency) {
  if (units === null || units === undefined) return '';
  return formatAmount(units, scaleOf(currency), t('locale'), t('decimal'), false);
}
