-- Every account's limit and status changes with the admin token that made each (its id or handle), in their batch's
-- transaction: an account's opening and each later change. `body` is the change as the ledger encodes it
-- (journal.AccountChange); an account's history is one range of the primary key, oldest first.
CREATE TABLE account_changes (
    account  text   NOT NULL COLLATE "C",
    batch    bigint NOT NULL REFERENCES batches (sequence),
    position int    NOT NULL,
    body     bytea  NOT NULL,
    PRIMARY KEY (account, batch, position)
);
