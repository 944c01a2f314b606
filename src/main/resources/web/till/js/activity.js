// What the till follows on the ledger's event stream (DESIGN.md §9: a terminal sees the requests it created, the
// holds made to its business and the refunds it sent): which of its requests are paid, the holds still open, and
// the day's payments, captures and refunds. What it found is kept in localStorage with the place in the stream it
// was read to, so the next page load reads on from there; a till without it (new, wiped, enrolled again under the
// same terminal name) reads from the start of what the terminal may see, and finds its day and its open holds.
import { follow } from '/common/js/events.js';

const TYPES = ['payment_request.created', 'payment_request.paid', 'payment_request.expired', 'transfer.created',
  'transfer.posted', 'transfer.voided', 'transfer.expired'];

const KEPT = 'mlml-till-activity';

const requests = new Map();
let holds = new Map();
const listeners = new Set();
let live = false;
let started = false;
/** The day's movements: {kind: payment|capture|refund, at, amount, currency, memo?, transfer_id, request?}. */
let day = { date: null, items: [] };
/** The last event applied, and whose stream it is (member/terminal): what is kept belongs to one terminal. */
let cursor = 0;
let whose = null;

let keeping = null;

function write() {
  clearTimeout(keeping);
  keeping = null;
  localStorage.setItem(KEPT, JSON.stringify({ whose, cursor, holds: [...holds.values()], day }));
}

/** Kept half a second after the last change, so a burst of events (reading from the start) is written once. */
function keep() {
  clearTimeout(keeping);
  keeping = setTimeout(write, 500);
}

// Leaving the page writes what is pending.
window.addEventListener('pagehide', () => {
  if (keeping) write();
});

function restore() {
  const kept = JSON.parse(localStorage.getItem(KEPT) || 'null');
  if (!kept || kept.whose !== whose) return;
  cursor = kept.cursor;
  holds = new Map(kept.holds.map((x) => [x.id, x]));
  day = kept.day;
}

function today(instant) {
  return new Date(instant).toDateString() === new Date().toDateString();
}

function record(item) {
  const date = new Date().toDateString();
  if (day.date !== date) day = { date, items: [] };
  // An event read twice (the page left before its place was kept) counts once.
  if (today(item.at) && !day.items.some((x) => x.kind === item.kind && x.transfer_id === item.transfer_id)) {
    day.items.push(item);
  }
}

function apply(event, terminalId) {
  const d = event.data;
  if (event.type.startsWith('payment_request.')) {
    // Only the day's: a request lives minutes, and the screen showing one reads it first anyway.
    if (today(event.timestamp)) requests.set(d.id, d);
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

/** Starts following the stream of {@code memberId}'s terminal {@code terminalId}, once per page load. */
export function start(memberId, terminalId) {
  if (started) return;
  started = true;
  whose = memberId + '/' + terminalId;
  restore();
  follow({
    types: TYPES,
    after: cursor,
    onEvent: (event) => {
      apply(event, terminalId);
      cursor = event.seq;
      keep();
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
  day: () => (day.date === new Date().toDateString() ? day.items : []),
};
