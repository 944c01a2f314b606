-- One transfer per transaction, as the plain SQL ledger does it. pgbench variables: accounts, hotpct (the share of
-- debits and of credits drawn among accounts 1 to 10: 80 for the hot mix, 0 for uniform).
\set r random(1, 100)
\set debit case when :r <= :hotpct then random(1, 10) else random(1, :accounts) end
\set r random(1, 100)
\set credit case when :r <= :hotpct then random(1, 10) else random(1, :accounts) end
\set credit case when :credit = :debit then :credit % :accounts + 1 else :credit end
\set amount random(1, 1000)
BEGIN;
-- Both rows locked in account-id order, so two transfers between the same accounts in opposite directions never
-- deadlock; NO KEY UPDATE is the lock an UPDATE of the balance takes anyway, and lets the transfers' foreign keys in.
SELECT id FROM accounts WHERE id IN (:debit, :credit) ORDER BY id FOR NO KEY UPDATE;
-- The floor check and both postings in one statement: nothing moves unless the debit stays at or above its floor.
WITH debit AS (
    UPDATE accounts SET balance = balance - :amount WHERE id = :debit AND balance - :amount >= floor RETURNING id
), credit AS (
    UPDATE accounts SET balance = balance + :amount WHERE id = :credit AND EXISTS (SELECT 1 FROM debit) RETURNING id
)
INSERT INTO transfers (id, debit_account, credit_account, amount)
SELECT gen_random_uuid(), debit.id, credit.id, :amount FROM debit, credit;
COMMIT;
