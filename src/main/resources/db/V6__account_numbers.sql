-- Entries found by account through a small integer per account instead of its text id: each entry row inserts into
-- two account indexes, and with text keys those inserts (variable width, string comparisons) were the largest cost
-- of the writer's backend (perf, engine-pg). The text ids stay in the rows for whoever reads them in SQL.
-- Numbers are given by the ledger (journal.PgAccountNumbers): 1, 2, 3… as accounts first reach this table.
ALTER TABLE accounts ADD COLUMN number int;
UPDATE accounts a SET number = n.number
    FROM (SELECT id, row_number() OVER (ORDER BY batch, id) AS number FROM accounts) n WHERE a.id = n.id;
ALTER TABLE accounts ALTER COLUMN number SET NOT NULL, ADD CONSTRAINT accounts_number UNIQUE (number);

ALTER TABLE entries ADD COLUMN debit_number int, ADD COLUMN credit_number int;
UPDATE entries e SET debit_number = d.number, credit_number = c.number
    FROM accounts d, accounts c WHERE d.id = e.debit_account AND c.id = e.credit_account;
ALTER TABLE entries ALTER COLUMN debit_number SET NOT NULL, ALTER COLUMN credit_number SET NOT NULL;
DROP INDEX entries_debit;
DROP INDEX entries_credit;
-- An account's entries newest first, one side each: the history pages, balances as of and statements.
CREATE INDEX entries_debit ON entries (debit_number, entry);
CREATE INDEX entries_credit ON entries (credit_number, entry);
