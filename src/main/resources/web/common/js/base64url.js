// Keys and signatures travel as base64url without padding (DESIGN.md §4).

export function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** {@code n} random bytes as lowercase hex: ids nobody can guess or count up to. */
export function randomHex(n) {
  return [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A random UUID (version 4), the id a client chooses for a transfer so that a resend is never a second one. */
export function uuid() {
  return crypto.randomUUID();
}
