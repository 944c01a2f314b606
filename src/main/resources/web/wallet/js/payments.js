// Paying never pays twice. A payment's transfer, with its random id, is written to IndexedDB before it is sent;
// when the answer is lost (the network dropped, the service was busy) the record stays, and sending it again sends
// the same id, which the ledger answers `exists` if the first one went through. A record goes only once the ledger
// has answered for it: paid (`created`, `exists`) or refused. "Paid" is shown from that answer, never assumed.
import { api, Problem } from '/common/js/api.js';
import { signed } from './me.js';

const DB = 'mlml-wallet';
const STORE = 'payments';

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(STORE, { keyPath: 'transfer.id' }).createIndex('purpose', 'purpose',
        { unique: true });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** Runs {@code work(store)} in one transaction; resolves with its request's result once the transaction is durable. */
async function inStore(mode, work) {
  const db = await database();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode, { durability: 'strict' });
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Payments sent whose answer never came, oldest first. */
export async function unanswered() {
  const all = await inStore('readonly', (s) => s.getAll());
  return all.sort((a, b) => a.created - b.created);
}

/** The unanswered payment made for {@code purpose} (a payment request's ref), or null. */
export async function forPurpose(purpose) {
  return (await inStore('readonly', (s) => s.index('purpose').get(purpose))) || null;
}

export async function byId(id) {
  return (await inStore('readonly', (s) => s.get(id))) || null;
}

/**
 * The record to send for {@code purpose}: the one already waiting for an answer (same id, same fields), or a new
 * one with a fresh random id, stored before this returns. {@code shown}: what the person saw, to list it later.
 */
export async function prepare(purpose, transfer, shown) {
  const waiting = await forPurpose(purpose);
  if (waiting) return waiting;
  const record = { purpose, transfer: { id: crypto.randomUUID(), ...transfer }, shown, created: Date.now() };
  try {
    await inStore('readwrite', (s) => s.add(record));
  } catch (e) {
    // Another tab stored one for the same purpose meanwhile: that one is the payment.
    if (e?.name === 'ConstraintError') return forPurpose(purpose);
    throw e;
  }
  return record;
}

/** Whether a refusal says nothing about whether the payment went through (no answer, the service busy). */
function unknownOutcome(e) {
  return e instanceof Problem && (e.status === 0 || e.status === 429 || e.status >= 500);
}

/**
 * Sends the stored payment. {@code {outcome: 'paid', result}} when the ledger took it (now or before),
 * {@code {outcome: 'refused', code, problem?}} when it refused it (the record goes: a new try is a new payment),
 * {@code {outcome: 'unknown', problem}} when no answer came (the record stays for a retry).
 */
export async function send(record) {
  let answer;
  try {
    answer = await api('POST', '/v1/transfers', await signed('transfers', { transfers: [record.transfer] }));
  } catch (e) {
    if (unknownOutcome(e)) return { outcome: 'unknown', problem: e };
    if (!(e instanceof Problem)) throw e;
    await inStore('readwrite', (s) => s.delete(record.transfer.id));
    return { outcome: 'refused', code: e.code, problem: e };
  }
  const result = answer.results[0];
  await inStore('readwrite', (s) => s.delete(record.transfer.id));
  if (result.status === 'created' || result.status === 'exists') return { outcome: 'paid', result };
  return { outcome: 'refused', code: result.code };
}
