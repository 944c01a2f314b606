-- The rows a batch writes besides its commands, in the batch's one transaction (DESIGN.md §5): its entries, the
-- accounts it changed, the ids the ledger forgot from memory; and the ledger's snapshots. All of it follows from the
-- commands, so recovery needs only the batches (and a snapshot to start from).
-- Times are bigint milliseconds since the epoch (UTC), as the ledger's commands carry them: exact, compared as
-- integers, nothing to convert on the write path. to_timestamp(at_ms / 1000.0) shows one as a timestamptz.
-- Money is bigint, in the currency's smallest unit, as in the ledger.

-- The batch's time and the number of the ledger's last entry as of it (a batch without entries carries the
-- previous one over): the last entry at or before an instant is found through batches_at_ms. Null for batches
-- written before these columns. Read by the history (PgHistory).
-- `previous` names the batch before (null for the first): a batch whose predecessor never committed (its
-- transaction failed while this one was already on its way, pipelined) cannot commit either.
ALTER TABLE batches ADD COLUMN at_ms bigint, ADD COLUMN last_entry bigint,
    ADD COLUMN previous bigint REFERENCES batches (sequence),
    ADD CONSTRAINT batches_previous CHECK (previous = sequence - 1);
CREATE INDEX batches_at_ms ON batches (at_ms, sequence);

-- One row per entry (core.Entry): a transfer's creation, and its resolution if it was pending, with both accounts'
-- balances after it (posted balances). Read by the history (PgHistory: an account's entries newest first, its
-- balance as of an instant, statements) and by the back office.
CREATE TABLE entries (
    entry                bigint PRIMARY KEY,
    transfer_id          uuid   NOT NULL,
    transfer_sequence    bigint NOT NULL,
    kind                 text   NOT NULL,
    status               text   NOT NULL,
    debit_account        text   NOT NULL,
    credit_account       text   NOT NULL,
    currency             text   NOT NULL,
    amount               bigint NOT NULL,
    debit_balance_after  bigint NOT NULL,
    credit_balance_after bigint NOT NULL,
    pending_timeout_s    int    NOT NULL,
    memo                 text,
    payment_request      text,
    at_ms                bigint NOT NULL,
    batch                bigint NOT NULL
);
-- An account's entries newest first, one side each: the history pages, balances as of and statements.
CREATE INDEX entries_debit ON entries (debit_account, entry);
CREATE INDEX entries_credit ON entries (credit_account, entry);
-- A transfer's entries, for the back office.
CREATE INDEX entries_transfer ON entries (transfer_id);

-- One row per account as it stands after the last batch that changed it (core.AccountView), upserted by every
-- batch. Read by the back office and replicas' reports; the ledger itself never reads it back.
-- floor and ceiling are null for none. Rows are updated in place every batch: room is left on each page so the
-- updates stay on it (HOT, no index change).
CREATE TABLE accounts (
    id                text   PRIMARY KEY,
    member_id         text,
    currency          text   NOT NULL,
    balance           bigint NOT NULL,
    debits_posted     bigint NOT NULL,
    credits_posted    bigint NOT NULL,
    debits_pending    bigint NOT NULL,
    credits_pending   bigint NOT NULL,
    floor             bigint,
    ceiling           bigint,
    status            text   NOT NULL,
    negative_since_ms bigint,
    batch             bigint NOT NULL
) WITH (fillfactor = 70);

-- The records of the ids the ledger forgot from memory (core.TransferRecordBytes), with the batch that forgot them.
-- Read by the journal only: all ids at start-up (a fingerprint set in memory), one record when a fingerprint hits.
CREATE TABLE archived_ids (
    id       uuid   PRIMARY KEY,
    position bigint NOT NULL,
    batch    bigint NOT NULL,
    record   bytea  NOT NULL
);

-- The ledger's state as of batch `sequence` (core.LedgerSnapshot), the newest two kept. Read by recovery only.
CREATE TABLE snapshots (
    sequence    bigint PRIMARY KEY,
    state       bytea  NOT NULL,
    taken_at_ms bigint NOT NULL
);
