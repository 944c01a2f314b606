-- The events each batch produced (DESIGN.md §9), in the batch's transaction: numbered 1, 2, 3… across the ledger,
-- so a feed pages through them by number. The body is the event as the ledger encoded it (events.Event), read by
-- feeds and webhook delivery, never by recovery.
CREATE TABLE events (
    seq   bigint PRIMARY KEY,
    batch bigint NOT NULL REFERENCES batches (sequence),
    body  bytea  NOT NULL
);

-- Webhook endpoints and how far each was delivered: not ledger state (no command changes them), written as they
-- change. `endpoint` is the endpoint as the service encodes it (its secret included: it must sign); `cursor` the
-- last event the receiver acknowledged with a 2xx.
CREATE TABLE webhooks (
    id       text   PRIMARY KEY COLLATE "C",
    endpoint text   NOT NULL,
    cursor   bigint NOT NULL
);
