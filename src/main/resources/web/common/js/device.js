// The device side of enrollment (DESIGN.md §10), for the till and the wallet: the device makes its own Ed25519 key
// with WebCrypto, non-extractable (no script, ours included, can read the private key back), sends the public key
// with the code the back office gave, signed by the new key, and keeps the key pair and the token it gets in
// IndexedDB. It signs money-moving bodies exactly as the ledger checks them: Ed25519 over
// "mlml-ledger/v1/<operation>\n" + the JCS of the body without its signature.
import { api, useToken } from './api.js';
import { canonical } from './jcs.js';
import { base64url, randomHex } from './base64url.js';

const STORE = 'device';
const RECORD = 'this';

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openDb(name) {
  const r = indexedDB.open(name, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE);
  return request(r);
}

async function transact(name, mode, work) {
  const db = await openDb(name);
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await request(work(tx.objectStore(STORE)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

/** What the browser can do here: WebCrypto exists only on https:// pages (or on this machine's own address). */
export function supported() {
  return Boolean(window.isSecureContext && crypto.subtle && window.indexedDB);
}

/** The enrollment code a link carries (the server's enroll_url: {@code #enroll=<code>}, or {@code ?enroll=}). */
export function codeFromUrl(url = location) {
  const fromHash = /^#enroll=([0-9A-Fa-f]{32})$/.exec(url.hash);
  if (fromHash) return fromHash[1].toLowerCase();
  const fromQuery = new URLSearchParams(url.search).get('enroll');
  return fromQuery && /^[0-9A-Fa-f]{32}$/.test(fromQuery) ? fromQuery.toLowerCase() : null;
}

async function signBytes(privateKey, operation, body) {
  const message = new TextEncoder().encode('mlml-ledger/v1/' + operation + '\n' + canonical(body));
  return base64url(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, message));
}

/**
 * This device in the app {@code app} ('till', 'wallet'): each app keeps its own key and token (its own database),
 * so a till and a wallet in one browser never sign for each other. The token is the API's from {@link load} on.
 */
export function device(app) {
  const dbName = 'mlml-device-' + app;
  let state = null;
  useToken(() => state?.token ?? null);

  return {
    /** The stored enrollment ({member_id, token_id, key_id, terminal_id?}), or null when there is none. */
    async load() {
      state = (await transact(dbName, 'readonly', (s) => s.get(RECORD))) || null;
      return state && this.who();
    },

    who() {
      if (!state) return null;
      return { member_id: state.memberId, token_id: state.tokenId, key_id: state.keyId,
        terminal_id: state.terminalId ?? null };
    },

    /**
     * Enrols with {@code code}: a new key, its public half sent with the code and signed by it. Answers who this
     * device now is; a Problem if the ledger refuses (enrollment_invalid for a code unknown, used or expired).
     */
    async enrol(code, deviceName) {
      // Ask the browser not to clear this database under storage pressure; it may say no, which changes nothing.
      await navigator.storage?.persist?.().catch(() => false);
      const keyPair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
      const publicKey = base64url(await crypto.subtle.exportKey('raw', keyPair.publicKey));
      const body = { code: code.trim().toLowerCase(), key_id: app + '-' + randomHex(12), public_key: publicKey };
      if (deviceName) body.device_name = deviceName;
      body.signature = await signBytes(keyPair.privateKey, 'enroll', body);
      const answer = await api('POST', '/v1/enrollments', body, null);
      const next = { keyPair, keyId: answer.key_id, memberId: answer.member_id, token: answer.token,
        tokenId: answer.token_id, terminalId: answer.terminal_id ?? null };
      await transact(dbName, 'readwrite', (s) => s.put(next, RECORD));
      state = next;
      return this.who();
    },

    /** {@code body} with key_id and signature for {@code operation} (transfers, post, void); body is unchanged. */
    async sign(operation, body) {
      if (!state) throw new Error('this device is not enrolled');
      const signed = { ...body, key_id: state.keyId };
      delete signed.signature;
      signed.signature = await signBytes(state.keyPair.privateKey, operation, signed);
      return signed;
    },

    /** Forgets the key and the token (revoked, expired, or a new enrollment): the device can enrol again. */
    async forget() {
      state = null;
      await transact(dbName, 'readwrite', (s) => s.delete(RECORD));
    },
  };
}
