package fr.mlml.ledger.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SHA-256 over the ledger's state in a fixed order, so two ledgers can be compared in one equality: replaying the
 * same commands must give the same digest (invariant 6).
 */
final class StateDigest {
    private final MessageDigest sha;
    private final ByteBuffer buf = ByteBuffer.allocate(8);

    private StateDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /**
     * With {@code withIds}, also the outcome of every id still in memory, and what refusals leave behind: refunded
     * totals, ceiling probes and terminals' refunds of the last day.
     */
    static byte[] of(Ledger ledger, boolean withIds) {
        StateDigest d = new StateDigest();
        d.members(ledger.members);
        d.accounts(ledger.accounts);
        d.pendings(ledger.pendings);
        d.paymentRequests(ledger.paymentRequests);
        d.credentials(ledger.credentials);
        d.number(ledger.lastSequence);
        d.number(ledger.lastEntry);
        if (withIds) d.log(ledger);
        return d.sha.digest();
    }

    private void members(Members m) {
        number(m.count());
        for (int i = 0; i < m.count(); i++) {
            text(m.id(i));
            text(m.name(i));
            number(m.kind(i).wire);
            CapOverride[] caps = m.capOverrides(i);
            number(caps == null ? -1 : caps.length);
            if (caps != null) {
                for (CapOverride o : caps) {
                    text(o.from());
                    text(o.to());
                    number(o.cap().amount());
                    number(o.cap().windowDays());
                }
            }
        }
    }

    private void accounts(Accounts a) {
        number(a.count());
        for (int i = 0; i < a.count(); i++) {
            text(a.ids[i]);
            number(a.owner[i]);
            number(a.currency[i]);
            number(a.status(i).wire);
            number(a.floor[i]);
            number(a.ceiling[i]);
            number(a.debitsPosted[i]);
            number(a.creditsPosted[i]);
            number(a.debitsPending[i]);
            number(a.creditsPending[i]);
            number(a.negativeSinceMs[i]);
        }
    }

    /** In id order: which slot a hold occupies is memory layout, not state. */
    private void pendings(PendingTransfers p) {
        number(p.count());
        List<Integer> slots = new ArrayList<>();
        p.forEach(slots::add);
        slots.sort(Comparator.<Integer>comparingLong(p::idHi).thenComparingLong(p::idLo));
        slots.forEach(s -> {
            number(p.idHi(s));
            number(p.idLo(s));
            number(p.debit(s));
            number(p.credit(s));
            number(p.amount(s));
            number(p.deadlineMs(s));
        });
    }

    /** The requests in memory, then the fingerprints of those retired (their ids stay taken). */
    private void paymentRequests(PaymentRequests requests) {
        List<PaymentRequests.Entry> all = new ArrayList<>();
        requests.all().forEach(all::add);
        all.sort(Comparator.<PaymentRequests.Entry, String>comparing(e -> e.id).thenComparingInt(e -> e.creditAccount));
        for (PaymentRequests.Entry e : all) {
            text(e.id);
            number(e.creditAccount);
            number(e.amount);
            number(e.expiresAtMs);
            text(e.terminalId);
            number(e.paid ? 1 : 0);
            number(e.paidByHi);
            number(e.paidByLo);
            number(e.paidAtMs);
        }
        long[] retired = requests.retired.sorted();
        number(retired.length);
        for (long fingerprint : retired) number(fingerprint);
    }

    private void credentials(Credentials credentials) {
        number(credentials.lastTokenNumber);
        number(credentials.tokens().size());
        for (Credentials.Token t : credentials.tokens()) {
            number(t.number);
            sha.update(t.hash);
            number(t.role.wire);
            number(t.member);
            text(t.terminalId);
            number(t.refundLimit);
            number(t.refundLimitPerDay);
            number(t.createdMs);
            number(t.expiresAtMs);
            number(t.lastUsedMs);
            number(t.revokedMs);
            text(t.deviceName);
        }
        number(credentials.keys().size());
        for (Credentials.SigningKey k : credentials.keys()) {
            text(k.id);
            number(k.member);
            sha.update(k.publicKey);
            text(k.terminalId);
            number(k.registeredMs);
            number(k.revokedMs);
        }
        number(credentials.enrollments.all().size());
        for (Enrollments.Code c : credentials.enrollments.all()) {
            sha.update(c.hash());
            number(c.member());
            number(c.role().wire);
            text(c.terminalId());
            number(c.refundLimit());
            number(c.refundLimitPerDay());
            number(c.createdMs());
            number(c.expiresAtMs());
        }
    }

    private void log(Ledger ledger) {
        TransferLog log = ledger.log;
        for (long pos = Math.max(0, log.head() - ledger.config.recentTransfersCapacity()); pos < log.head(); pos++) {
            TransferRecord r = ledger.recordAt(pos);
            text(r.toString());
        }
        for (var refunded : ledger.refunds.totals().entrySet()) {
            text(refunded.getKey().toString());
            number(refunded.getValue());
        }
        number(ledger.probes.day());
        for (var met : ledger.probes.today().entrySet()) {
            number(met.getKey());
            number(met.getValue());
        }
        number(ledger.probes.refusedCount());
        for (var terminal : ledger.refunds.sentByTerminal().entrySet()) {
            text(terminal.getKey());
            for (Refunds.Sent sent : terminal.getValue()) {
                number(sent.atMs());
                number(sent.amount());
            }
        }
    }

    private void number(long v) {
        buf.clear();
        buf.putLong(v);
        sha.update(buf.array());
    }

    private void text(String s) {
        if (s == null) {
            number(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        number(bytes.length);
        sha.update(bytes);
    }
}
