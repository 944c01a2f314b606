// What the till follows on the ledger's event stream (DESIGN.md §9: a terminal sees the requests it created, the
// holds made to its business and the refunds it sent): which of its requests are paid, the holds still open, and
// the day's payments, captures and refunds. The stream is read from the start of what the terminal may see, so a
// till opened again (or enrolled again under the same terminal name) finds its day and its open holds.
import { follow } from '/common/js/events.js';

const TYPES = ['payment_request.created', 'payment_request.paid', 'payment_request.expired', 'transfer.created',
  'transfer.posted', 'transfer.voided', 'transfer.expired'];

const requests = new Map();
const holds = new Map();
const listeners = new Set();
let live = false;
let started = false;
/** The day's movements: {kind: payment|capture|refund, at, amount, currency, memo?, transfer_id, request?}. */
let day = { date: null, items: [] };

function today(instant) {
  return new Date(instant).toDateString() === new Date().toDateString();
}

function record(item) {
  const date = new Date().toDateString();
  if (day.date !== date) day = { date, items: [] };
  if (today(item.at)) day.items.push(item);
}

function apply(event, terminalId) {
  const d = event.data;
  if (event.type.startsWith('payment_request.')) {
    requests.set(d.id, d);
    if (event.type === 'payment_request.paid') {
      record({ kind: 'payment', at: event.timestamp, amount: d.amount, currency: null, memo: d.memo,
        transfer_id: d.transfer_id, request: d.id, account: d.credit_account });
    }
  } else if (event.type === 'transfer.created' && d.status === 'pending') {
    holds.set(d.id, d);
  } else if (event.type === 'transfer.created' && d.refund_of && d.terminal_id === terminalId) {
    record({ kind: 'refund', at: event.timestamp, amount: d.amount, currency: d.currency, memo: d.memo,
      transfer_id: d.id, refund_of: d.refund_of });
  } else if (event.type !== 'transfer.created' && holds.has(d.id)) {
    holds.delete(d.id);
    if (event.type === 'transfer.posted') {
      record({ kind: 'capture', at: event.timestamp, amount: d.posted_amount ?? d.amount, currency: d.currency,
        memo: d.memo, transfer_id: d.id });
    }
  }
}

function changed() {
  for (const listener of listeners) listener();
}

/** Starts following, once per page load. */
export function start(terminalId) {
  if (started) return;
  started = true;
  follow({
    types: TYPES,
    onEvent: (event) => {
      apply(event, terminalId);
      changed();
    },
    onLive: (on) => {
      live = on;
      changed();
    },
  });
}

/** Calls {@code listener} on every change; answers the function that stops it. */
export function watch(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const activity = {
  live: () => live,
  request: (id) => requests.get(id) || null,
  holds: () => [...holds.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp)),
  hold: (id) => holds.get(id) || null,
  /** A request of this till seen paid, by its id: what the refund screen starts from. */
  paidRequest: (transferId) => [...requests.values()].find((r) => r.transfer_id === transferId) || null,
  day: () => (day.date === new Date().toDateString() ? day.items : []),
};
