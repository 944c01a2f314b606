// What a scanned or typed text leads to: a payment request's link or ref, or a shop's static QR code. Only this
// site's own paths are followed; anything else is refused, never opened.
const REF = /^[a-z0-9][a-z0-9:._-]{0,63}~[a-z0-9][a-z0-9:._-]{0,63}$/;
const ACCOUNT = /^[a-z0-9][a-z0-9:._-]{0,63}$/;

/** The wallet route ("/pay/<ref>" or "/pay-to/<account>") for {@code text}, or null. */
export function routeOf(text) {
  const typed = String(text).trim();
  if (REF.test(typed)) return '/pay/' + typed;
  let url;
  try {
    url = new URL(typed);
  } catch (e) {
    return null;
  }
  if (url.origin !== location.origin) return null;
  const path = decodeURIComponent(url.pathname);
  const hash = decodeURIComponent(url.hash.replace(/^#/, ''));
  let m = /^\/pay\/to\/([^/]+)$/.exec(path) || /^\/pay-to\/([^/]+)$/.exec(hash);
  if (m && ACCOUNT.test(m[1])) return '/pay-to/' + m[1];
  m = /^\/pay\/([^/]+)$/.exec(path) || /^\/pay\/([^/]+)$/.exec(hash);
  if (m && REF.test(m[1])) return '/pay/' + m[1];
  return null;
}
