-- The digest of each batch's entries (journal.EntriesDigest): the audit chain hashes it with the batch's commands,
-- so a changed row of history (a balance after, an amount) breaks the chain at its batch. Recovery reads it as
-- stored; the verifier recomputes it from the entry rows.
ALTER TABLE batches ADD COLUMN entries_digest bytea;
