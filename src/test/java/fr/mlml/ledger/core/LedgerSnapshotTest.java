package fr.mlml.ledger.core;

import fr.mlml.ledger.journal.CommandCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerSnapshotTest {
    private static final String[] BUSINESSES = {"b0", "b1", "b2"};
    private static final String[] CITIZENS = {"c0", "c1", "c2"};

    /**
     * A seeded busy history: transfers, holds posted, voided and expiring, conversions, payment requests, retries,
     * refunds by tills and the members, and ceilings probed from an account without a floor.
     */
    private static List<Command> history(long seed, int operations) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Command> cs = new ArrayList<>();
        for (String b : BUSINESSES) {
            cs.add(new CreateMember(b, "Business " + b, MemberKind.BUSINESS));
            cs.add(new CreateAccount("mie:" + b, b, "MIE", null, null));
            cs.add(new CreateAccount("mlc:" + b, b, "MLC", null, null));
        }
        for (String c : CITIZENS) {
            cs.add(new CreateMember(c, "Citizen " + c, MemberKind.CITIZEN));
            cs.add(new CreateAccount("mlc:" + c, c, "MLC", null, null));
        }
        String[] all = {"b0", "b1", "b2", "c0", "c1", "c2"};
        for (int i = 0; i < all.length; i++) cs.add(new Issue(99, i, "mlc:" + all[i], 1_000_000, "seed"));
        cs.add(new CreateAccount("mie:b0.spy", "b0", "MIE", Limits.NO_FLOOR, null));
        List<TransferRequest> holds = new ArrayList<>();
        List<Command> sent = new ArrayList<>();
        for (int n = 0; n < operations; n++) {
            String from = all[r.nextInt(all.length)];
            String to = all[r.nextInt(all.length)];
            int op = r.nextInt(11);
            Command c;
            if (op < 4) {
                String cur = from.startsWith("b") && to.startsWith("b") && r.nextBoolean() ? "mie" : "mlc";
                c = new SubmitTransfers(from, r.nextInt(4) == 0,
                        new TransferRequest(1, n, cur + ":" + from, cur + ":" + to, 1 + r.nextInt(40_000),
                                cur.toUpperCase(), r.nextBoolean() ? "memo " + n : null, null, 0));
            } else if (op == 4) {
                TransferRequest hold = new TransferRequest(2, n, "mlc:" + from, "mlc:" + to, 1 + r.nextInt(5_000),
                        "MLC", null, null, 1 + r.nextInt(120));
                holds.add(hold);
                c = new SubmitTransfers(from, false, hold);
            } else if (op == 5 && !holds.isEmpty()) {
                TransferRequest h = holds.get(r.nextInt(holds.size()));
                String payee = h.creditAccount.substring(4);
                c = r.nextBoolean() ? ResolvePending.post(payee, h.idHi, h.idLo, r.nextInt(3) == 0 ? 1 : 0)
                        : ResolvePending.voiding(h.debitAccount.substring(4), h.idHi, h.idLo);
            } else if (op == 6 && from.startsWith("b")) {
                int kind = r.nextInt(3);
                c = kind == 0 ? new Convert(3, n, from, "mlc:" + from, null, "EUR", 1 + r.nextInt(20_000), null)
                        : kind == 1 ? new Convert(3, n, from, "mlc:" + from, "mie:" + from, null, 1 + r.nextInt(20_000), "x")
                        : new Convert(3, n, from, "mie:" + from, "mlc:" + from, null, 1 + r.nextInt(20_000), null);
            } else if (op == 7 && !sent.isEmpty()) {
                c = CommandCodec.decode(CommandCodec.encode(sent.get(r.nextInt(sent.size()))));
            } else if (op == 8) {
                cs.add(new CreatePaymentRequest("pr-" + n, to, "mlc:" + to, 700, null, 60));
                c = new SubmitTransfers(from, false,
                        new TransferRequest(4, n, "mlc:" + from, "mlc:" + to, 700, "MLC", null, "pr-" + n, 0));
            } else if (op == 9 && !sent.isEmpty()) {
                TransferRequest paid = ((SubmitTransfers) sent.get(r.nextInt(sent.size()))).transfers[0];
                SubmitTransfers refund = new SubmitTransfers(paid.creditAccount.substring(4), false,
                        new TransferRequest(5, n, paid.creditAccount, paid.debitAccount, 1 + r.nextInt(20_000),
                                paid.currency, null, null, 0, new java.util.UUID(paid.idHi, paid.idLo)));
                if (r.nextBoolean()) refund.byTerminal("till");
                c = refund;
            } else if (op == 10 && to.startsWith("b") && !to.equals("b0")) {
                c = new SubmitTransfers("b0", r.nextInt(3) == 0,
                        new TransferRequest(6, n, "mie:b0.spy", "mie:" + to, 400_000 + r.nextInt(200_000), "MIE",
                                null, null, 0));
            } else {
                c = new Tick();
            }
            cs.add(c);
            if (c instanceof SubmitTransfers) sent.add(c);
        }
        long t = 1_800_000_000_000L;
        SplittableRandom clock = new SplittableRandom(seed + 1);
        for (Command c : cs) c.setTimestampMs(t += clock.nextInt(3_000));
        return cs;
    }

    private static Command copy(Command c) {
        return CommandCodec.decode(CommandCodec.encode(c));
    }

    private static String outcome(Command c) {
        StringBuilder s = new StringBuilder(String.valueOf(c.result()));
        if (c instanceof SubmitTransfers st) {
            for (TransferRequest t : st.transfers) s.append(' ').append(t.result()).append('/').append(t.sequence());
        }
        return s.toString();
    }

    @Test
    void aRestoredLedgerIsTheSameAndGoesOnExactlyLikeTheOriginal() {
        LedgerConfig config = LedgerFixture.withCapacity(LedgerConfig.MIN_RECENT_CAPACITY);
        Map<String, TransferRecord> archived = new HashMap<>();
        TransferArchive archive = new TransferArchive() {
            @Override
            public TransferRecord find(long hi, long lo) {
                return archived.get(hi + ":" + lo);
            }

            @Override
            public boolean keepsForgotten() {
                return true;
            }

            @Override
            public void forgotten(TransferRecord r) {
                archived.put(r.idHi() + ":" + r.idLo() + "", r);
            }
        };
        List<Command> history = history(7, 8_000);
        int cut = history.size() / 2;
        Ledger original = new Ledger(config, archive);
        for (Command c : history.subList(0, cut)) original.apply(c);
        assertTrue(original.lastSequence() > LedgerConfig.MIN_RECENT_CAPACITY, "the log has wrapped");
        assertTrue(original.pendingCount() > 0, "holds are pending at the snapshot");
        assertTrue(original.reconciliation(0).ceilingProbesRefused() > 0, "ceilings were probed past their limit");
        assertTrue(!original.refunds.totals().isEmpty(), "payments were refunded");

        Ledger restored = LedgerSnapshot.read(config, archive, LedgerSnapshot.write(original));
        assertArrayEquals(original.digest(), restored.digest());

        for (Command c : history.subList(cut, history.size())) {
            Command twin = copy(c);
            original.apply(c);
            restored.apply(twin);
            assertEquals(outcome(c), outcome(twin));
        }
        assertArrayEquals(original.digest(), restored.digest());
        assertTrue(restored.reconciliation(0).invariantsOk());
    }

    @Test
    void aSnapshotOfAnotherConfigurationOrGarbageIsRefused() {
        LedgerConfig config = LedgerFixture.withCapacity(LedgerConfig.MIN_RECENT_CAPACITY);
        byte[] snapshot = LedgerSnapshot.write(new Ledger(config, (hi, lo) -> null));
        org.junit.jupiter.api.Assertions.assertThrows(CorruptRecordException.class,
                () -> LedgerSnapshot.read(config, (hi, lo) -> null, java.util.Arrays.copyOf(snapshot, snapshot.length - 3)));
        org.junit.jupiter.api.Assertions.assertThrows(CorruptRecordException.class,
                () -> LedgerSnapshot.read(config, (hi, lo) -> null, new byte[] {1, 2, 3}));
    }
}
