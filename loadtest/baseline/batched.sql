-- The strongest plain SQL ledger we could write: 100 transfers per transaction, one statement per table. Runs on
-- schema.sql's tables. pgbench variables: accounts, hotpct (as transfer.sql), and a seed drawn per transaction from
-- which batch_transfers (batched-schema.sql) draws the same 100 transfers in each statement.
\set seed random(1, 9223372036854775806)
BEGIN;
-- Every account the 100 transfers touch, locked in id order: two transactions never deadlock, whatever they share.
SELECT id FROM accounts WHERE id IN (
    SELECT debit FROM batch_transfers(:seed, :accounts, :hotpct)
    UNION SELECT credit FROM batch_transfers(:seed, :accounts, :hotpct))
ORDER BY id FOR NO KEY UPDATE;
-- Each account moved once by its net amount; the table's CHECK (balance >= floor) refuses the whole transaction if
-- an account would end under its floor.
UPDATE accounts a SET balance = a.balance + n.delta
FROM (SELECT account, sum(delta) AS delta FROM (
          SELECT debit AS account, -amount AS delta FROM batch_transfers(:seed, :accounts, :hotpct)
          UNION ALL SELECT credit, amount FROM batch_transfers(:seed, :accounts, :hotpct)) moves
      GROUP BY account) n
WHERE a.id = n.account;
INSERT INTO transfers (id, debit_account, credit_account, amount)
SELECT gen_random_uuid(), debit, credit, amount FROM batch_transfers(:seed, :accounts, :hotpct);
COMMIT;
