-- Account ids are identifiers, not words: they compare byte by byte ("C"), which is also the order the ledger
-- keeps. Under the database's locale collation every comparison went through strcoll, and each entry row's two
-- account indexes cost several times more to maintain.
ALTER TABLE entries
    ALTER COLUMN debit_account TYPE text COLLATE "C",
    ALTER COLUMN credit_account TYPE text COLLATE "C",
    ALTER COLUMN currency TYPE text COLLATE "C";
ALTER TABLE accounts
    ALTER COLUMN id TYPE text COLLATE "C";

-- Random transfer ids made this index the costliest of every entry row (an insert anywhere in the tree). The
-- service never reads entries by transfer id (it answers GET /v1/transfers/{id} from memory and archived_ids); a
-- back office that wants the look-up can create the index on its own, knowing what each batch then pays.
DROP INDEX entries_transfer;
