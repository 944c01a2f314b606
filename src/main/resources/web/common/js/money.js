// Amounts are integers in minor units. Typed text becomes one by string and BigInt arithmetic only, and an integer
// is shown by splitting its digits: no floating point anywhere between the keyboard and the ledger.

/** Parses "12,50", "12.5", "1 234,50" or "-20" into minor units; null when the text is not such an amount. */
export function parseAmount(text, scale) {
  const compact = String(text).trim().replace(/[\s\u00a0\u202f']/g, '');
  const match = /^([-+]?)(\d+)(?:[.,](\d*))?$/.exec(compact);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) return null;
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
  const signed = sign === '-' ? -units : units;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(signed);
}

/**
 * 125050 with scale 2 → "1 250,50" in French, "1,250.50" in English: {@code locale} groups the whole part,
 * {@code decimal} separates the fraction; without {@code grouping}, "-1250,50" as a person would type it.
 */
export function formatAmount(units, scale, locale, decimal, grouping = true) {
  const n = BigInt(units);
  const digits = (n < 0n ? -n : n).toString().padStart(scale + 1, '0');
  const whole = BigInt(digits.slice(0, digits.length - scale));
  const fraction = digits.slice(digits.length - scale);
  const grouped = grouping ? new Intl.NumberFormat(locale, { useGrouping: true }).format(whole) : whole.toString();
  return (n < 0n ? (grouping ? '−' : '-') : '') + grouped + (scale > 0 ? decimal + fraction : '');
}

/** An amount with its currency's code: "12,50 MLC". */
export function formatMoney(units, currency, scale, locale, decimal) {
  if (units === null || units === undefined) return '—';
  return formatAmount(units, scale, locale, decimal) + '\u00a0' + currency;
}
