-- The plain SQL ledger most teams write: balances in an accounts table, one row per transfer.
-- psql variables: accounts (how many), funding (each account's opening balance, in cents).
CREATE TABLE accounts (
    id      bigint PRIMARY KEY,
    balance bigint NOT NULL,
    floor   bigint NOT NULL DEFAULT 0,
    CHECK (balance >= floor)
);
CREATE TABLE transfers (
    id             uuid PRIMARY KEY,
    debit_account  bigint NOT NULL REFERENCES accounts,
    credit_account bigint NOT NULL REFERENCES accounts,
    amount         bigint NOT NULL CHECK (amount > 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO accounts (id, balance) SELECT g, :funding FROM generate_series(1, :accounts) AS g;
VACUUM ANALYZE accounts;
