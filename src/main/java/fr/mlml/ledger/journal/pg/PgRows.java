package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.TransferKind;
import fr.mlml.ledger.core.TransferStatus;
import io.vertx.sqlclient.Row;

import java.util.List;
import java.util.UUID;

/**
 * The rows of a batch's entries and changed accounts (see {@code db/V2__rows.sql}, {@code db/V6__account_numbers.sql})
 * in binary {@code COPY} form ({@link CopyRows}): the entries straight into their table, the accounts into a
 * temporary table of the writer's session that one upsert then applies, so a batch of thousands of rows is one
 * stream and one plan per table, nothing parsed. Also reads an entry row back.
 */
final class PgRows {
    private static final String ENTRIES = "entries (entry, transfer_id, transfer_sequence, kind, status, "
            + "debit_account, credit_account, currency, amount, debit_balance_after, credit_balance_after, "
            + "pending_timeout_s, memo, payment_request, at_ms, debit_number, credit_number, batch)";
    private static final String ACCOUNT_COLUMNS = "id, member_id, currency, balance, debits_posted, credits_posted, "
            + "debits_pending, credits_pending, floor, ceiling, status, negative_since_ms, number, batch";
    /** The batch's changed accounts, emptied at each commit; created once per writer connection. */
    static final String CREATE_BATCH_ACCOUNTS = "CREATE TEMPORARY TABLE batch_accounts ON COMMIT DELETE ROWS AS "
            + "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WITH NO DATA";
    static final String UPSERT_ACCOUNTS = "INSERT INTO accounts (" + ACCOUNT_COLUMNS + ") SELECT " + ACCOUNT_COLUMNS
            + " FROM batch_accounts "
            + "ON CONFLICT (id) DO UPDATE SET balance = EXCLUDED.balance, debits_posted = EXCLUDED.debits_posted, "
            + "credits_posted = EXCLUDED.credits_posted, debits_pending = EXCLUDED.debits_pending, "
            + "credits_pending = EXCLUDED.credits_pending, floor = EXCLUDED.floor, ceiling = EXCLUDED.ceiling, "
            + "status = EXCLUDED.status, negative_since_ms = EXCLUDED.negative_since_ms, batch = EXCLUDED.batch";

    /** The columns {@link #entry} reads, in its order. */
    static final String ENTRY_COLUMNS = "entry, transfer_id, transfer_sequence, kind, status, debit_account, "
            + "credit_account, currency, amount, debit_balance_after, credit_balance_after, pending_timeout_s, memo, "
            + "payment_request, at_ms";

    private PgRows() {
    }

    static CopyRows entries(long batch, List<Entry> entries, PgAccountNumbers numbers) {
        CopyRows rows = new CopyRows(ENTRIES, 18, entries.size() * 220);
        for (Entry e : entries) {
            rows.row().int8(e.number()).uuid(e.idHi(), e.idLo()).int8(e.transferSequence()).text(e.kind().code)
                    .text(e.status().code).text(e.debitAccount()).text(e.creditAccount()).text(e.currency())
                    .int8(e.amount()).int8(e.debitBalanceAfter()).int8(e.creditBalanceAfter())
                    .int4(e.pendingTimeoutS()).text(e.memo()).text(e.paymentRequest()).int8(e.timestampMs())
                    .int4(numbers.of(e, e.debitAccount())).int4(numbers.of(e, e.creditAccount())).int8(batch);
        }
        return rows;
    }

    /** The changed accounts for {@code batch_accounts}, which {@link #UPSERT_ACCOUNTS} applies. */
    static CopyRows accounts(long batch, List<AccountView> accounts, PgAccountNumbers numbers) {
        CopyRows rows = new CopyRows("batch_accounts (" + ACCOUNT_COLUMNS + ")", 14, accounts.size() * 200);
        Integer[] number = numbers.of(accounts);
        for (int i = 0; i < number.length; i++) {
            AccountView a = accounts.get(i);
            rows.row().text(a.id()).text(a.memberId()).text(a.currency()).int8(a.balance()).int8(a.debitsPosted())
                    .int8(a.creditsPosted()).int8(a.debitsPending()).int8(a.creditsPending())
                    .int8(a.floor() == Limits.NO_FLOOR ? null : a.floor())
                    .int8(a.ceiling() == Limits.NO_CEILING ? null : a.ceiling()).text(a.status().code)
                    .int8(a.negativeSinceMs()).int4(number[i]).int8(batch);
        }
        return rows;
    }

    /** An entry from a row of {@link #ENTRY_COLUMNS}. */
    static Entry entry(Row r) {
        UUID id = r.getUUID(1);
        return new Entry(r.getLong(0), id.getMostSignificantBits(), id.getLeastSignificantBits(), r.getLong(2),
                TransferKind.ofCode(r.getString(3), "an entries row"),
                TransferStatus.ofCode(r.getString(4), "an entries row"),
                r.getString(5), r.getString(6), r.getString(7), r.getLong(8), r.getLong(9), r.getLong(10),
                r.getInteger(11), r.getString(12), r.getString(13), r.getLong(14));
    }
}
