package fr.mlml.ledger.journal.pg;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.TransferKind;
import fr.mlml.ledger.core.TransferStatus;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.UUID;

/**
 * The rows of a batch's entries and changed accounts (see {@code db/V2__rows.sql}, {@code db/V6__account_numbers.sql})
 * as one statement each: every column is passed as one typed array and {@code UNNEST} turns them back into rows, so a
 * batch of thousands of entries is one round trip and one plan, not thousands. Also reads an entry row back.
 */
final class PgRows {
    static final String INSERT_ENTRIES = "INSERT INTO entries (entry, transfer_id, transfer_sequence, kind, status, "
            + "debit_account, credit_account, currency, amount, debit_balance_after, credit_balance_after, "
            + "pending_timeout_s, memo, payment_request, at_ms, debit_number, credit_number, batch) "
            + "SELECT *, $18::bigint FROM UNNEST($1::bigint[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], "
            + "$6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::bigint[], $12::int[], $13::text[], "
            + "$14::text[], $15::bigint[], $16::int[], $17::int[])";

    static final String UPSERT_ACCOUNTS = "INSERT INTO accounts (id, member_id, currency, balance, debits_posted, "
            + "credits_posted, debits_pending, credits_pending, floor, ceiling, status, negative_since_ms, number, "
            + "batch) SELECT *, $14::bigint FROM UNNEST($1::text[], $2::text[], $3::text[], $4::bigint[], "
            + "$5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[], "
            + "$12::bigint[], $13::int[]) "
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

    static Tuple entries(long batch, List<Entry> entries, PgAccountNumbers numbers) {
        int n = entries.size();
        Long[] number = new Long[n];
        UUID[] id = new UUID[n];
        Long[] transferSequence = new Long[n];
        String[] kind = new String[n];
        String[] status = new String[n];
        String[] debit = new String[n];
        String[] credit = new String[n];
        String[] currency = new String[n];
        Long[] amount = new Long[n];
        Long[] debitAfter = new Long[n];
        Long[] creditAfter = new Long[n];
        Integer[] timeoutS = new Integer[n];
        String[] memo = new String[n];
        String[] paymentRequest = new String[n];
        Long[] atMs = new Long[n];
        Integer[] debitNumber = new Integer[n];
        Integer[] creditNumber = new Integer[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            number[i] = e.number();
            id[i] = new UUID(e.idHi(), e.idLo());
            transferSequence[i] = e.transferSequence();
            kind[i] = e.kind().code;
            status[i] = e.status().code;
            debit[i] = e.debitAccount();
            credit[i] = e.creditAccount();
            currency[i] = e.currency();
            amount[i] = e.amount();
            debitAfter[i] = e.debitBalanceAfter();
            creditAfter[i] = e.creditBalanceAfter();
            timeoutS[i] = e.pendingTimeoutS();
            memo[i] = e.memo();
            paymentRequest[i] = e.paymentRequest();
            atMs[i] = e.timestampMs();
            debitNumber[i] = numbers.of(e, e.debitAccount());
            creditNumber[i] = numbers.of(e, e.creditAccount());
        }
        return Tuple.tuple().addArrayOfLong(number).addArrayOfUUID(id).addArrayOfLong(transferSequence)
                .addArrayOfString(kind).addArrayOfString(status).addArrayOfString(debit).addArrayOfString(credit)
                .addArrayOfString(currency).addArrayOfLong(amount).addArrayOfLong(debitAfter)
                .addArrayOfLong(creditAfter).addArrayOfInteger(timeoutS).addArrayOfString(memo)
                .addArrayOfString(paymentRequest).addArrayOfLong(atMs).addArrayOfInteger(debitNumber)
                .addArrayOfInteger(creditNumber).addLong(batch);
    }

    static Tuple accounts(long batch, List<AccountView> accounts, PgAccountNumbers numbers) {
        int n = accounts.size();
        String[] id = new String[n];
        String[] member = new String[n];
        String[] currency = new String[n];
        Long[] balance = new Long[n];
        Long[] debitsPosted = new Long[n];
        Long[] creditsPosted = new Long[n];
        Long[] debitsPending = new Long[n];
        Long[] creditsPending = new Long[n];
        Long[] floor = new Long[n];
        Long[] ceiling = new Long[n];
        String[] status = new String[n];
        Long[] negativeSinceMs = new Long[n];
        for (int i = 0; i < n; i++) {
            AccountView a = accounts.get(i);
            id[i] = a.id();
            member[i] = a.memberId();
            currency[i] = a.currency();
            balance[i] = a.balance();
            debitsPosted[i] = a.debitsPosted();
            creditsPosted[i] = a.creditsPosted();
            debitsPending[i] = a.debitsPending();
            creditsPending[i] = a.creditsPending();
            floor[i] = a.floor() == Limits.NO_FLOOR ? null : a.floor();
            ceiling[i] = a.ceiling() == Limits.NO_CEILING ? null : a.ceiling();
            status[i] = a.status().code;
            negativeSinceMs[i] = a.negativeSinceMs();
        }
        return Tuple.tuple().addArrayOfString(id).addArrayOfString(member).addArrayOfString(currency)
                .addArrayOfLong(balance).addArrayOfLong(debitsPosted).addArrayOfLong(creditsPosted)
                .addArrayOfLong(debitsPending).addArrayOfLong(creditsPending).addArrayOfLong(floor)
                .addArrayOfLong(ceiling).addArrayOfString(status).addArrayOfLong(negativeSinceMs)
                .addArrayOfInteger(numbers.of(accounts)).addLong(batch);
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
