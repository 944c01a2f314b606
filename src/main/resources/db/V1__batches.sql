-- Every committed batch of commands, with its audit-chain link: hash = SHA-256(previous hash || body), and the
-- ledger's Ed25519 signature of the head. The ledger's state is rebuilt by replaying the bodies in order.
CREATE TABLE batches (
    sequence   bigint      PRIMARY KEY CHECK (sequence > 0),
    hash       bytea       NOT NULL CHECK (length(hash) = 32),
    signature  bytea       NOT NULL CHECK (length(signature) = 64),
    body       bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
