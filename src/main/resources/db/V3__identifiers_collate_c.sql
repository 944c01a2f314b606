-- Account ids are identifiers, not words: they compare byte by byte ("C"), which is also the order the ledger
-- keeps. Under the database's locale collation every comparison went through strcoll, and each entry row's two
-- account indexes cost several times more to maintain.
ALTER TABLE entries
    ALTER COLUMN debit_account TYPE text COLLATE "C",
    ALTER COLUMN credit_account TYPE text COLLATE "C",
    ALTER COLUMN currency TYPE text COLLATE "C";
ALTER TABLE accounts
    ALTER COLUMN id TYPE text COLLATE "C";
DROP INDEX entries_transfer;
