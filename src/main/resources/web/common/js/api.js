// The public API with the app's token, sent only as Authorization (never a cookie, so no other site can make the
// browser use it). Where the token lives is the app's choice: it says how to read it with useToken.

let currentToken = () => null;

/** How this app finds its token (a session's, a device's); api() sends it unless told another. */
export function useToken(reader) {
  currentToken = reader;
}

/** An RFC 9457 problem the API answered (status 0: the service could not be reached). */
export class Problem extends Error {
  constructor(status, body) {
    super(body.detail || body.code || String(status));
    this.status = status;
    this.code = body.code || (status === 0 ? 'network' : 'http_' + status);
    this.field = body.field || null;
    this.detail = body.detail || '';
  }
}

/** Called when the token stops working (revoked, expired): the app signs out. */
let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

async function send(method, path, body, token, signal) {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(path, {
      method, headers, signal, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Problem(0, {});
  }
}

export async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json().catch(() => ({})) : {};
  return new Problem(response.status, body);
}

/**
 * Calls the API (with no token when {@code token} is null); JSON answers are parsed, 204 gives null, a refusal
 * throws its Problem.
 */
export async function api(method, path, body, token = currentToken()) {
  const response = await send(method, path, body, token);
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && token && token === currentToken()) onUnauthorized();
    throw problem;
  }
  if (response.status === 204) return null;
  return response.json();
}

/** A file the API answers (a statement, an export): its Blob, and the name the API gives it if it does. */
export async function download(path) {
  const response = await send('GET', path, undefined, currentToken());
  if (!response.ok) throw await problemOf(response);
  const disposition = /filename="([^"/\\]+)"/.exec(response.headers.get('Content-Disposition') || '');
  return { blob: await response.blob(), name: disposition ? disposition[1] : null };
}

/** The response of a long-lived GET (the event stream), for the caller to read; aborted by {@code signal}. */
export async function open(path, signal) {
  const response = await send('GET', path, undefined, currentToken(), signal);
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    throw await problemOf(response);
  }
  return response;
}

/** A path segment: ids may hold ':' and '.', which stay as they are; anything else is encoded. */
export function seg(id) {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}
