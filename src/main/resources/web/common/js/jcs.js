// RFC 8785 (JCS) canonical JSON for what the apps sign: objects, arrays, strings, booleans, null and safe integers
// (amounts are integers of minor units; a fraction or an unsafe integer is a mistake, refused here).
// Members sorted by their UTF-16 code units (what Array.prototype.sort does), no spaces, strings escaped as
// JSON.stringify does: the same text the ledger rebuilds to check a signature.

export function canonical(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('only safe integers are signed: ' + value);
    return String(value);
  }
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (typeof value === 'object') {
    const names = Object.keys(value).filter((name) => value[name] !== undefined).sort();
    return '{' + names.map((name) => JSON.stringify(name) + ':' + canonical(value[name])).join(',') + '}';
  }
  throw new TypeError('cannot sign a ' + typeof value);
}
