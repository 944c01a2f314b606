package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static fr.mlml.ledger.core.LedgerFixture.request;
import static fr.mlml.ledger.core.LedgerFixture.uuid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transfer id is applied at most once, forever, and a rejected id stays rejected (invariant 5), also once the id
 * has left the ledger's memory for the archive.
 */
class IdempotencyTest {
    private static final int CAPACITY = LedgerConfig.MIN_RECENT_CAPACITY;

    private final LedgerFixture f = new LedgerFixture();

    private void twoBusinesses(LedgerFixture fx) {
        fx.business("alpha");
        fx.business("beta");
    }

    @Test
    void theSameTransferSentAgainAnswersExistsWithTheOriginal() {
        twoBusinesses(f);
        TransferRequest original = f.send("alpha", "mie:alpha", "mie:beta", 2_500);
        long originalTime = f.now;
        f.advanceSeconds(30);

        TransferRequest again = request(uuid(original), "mie:alpha", "mie:beta", 2_500, "MIE");
        f.submit("alpha", again);

        assertEquals(ResultCode.EXISTS, again.result());
        assertEquals(TransferStatus.POSTED, again.status());
        assertEquals(original.sequence(), again.sequence());
        assertEquals(originalTime, again.timestampMs());
        assertEquals(-2_500, f.balance("mie:alpha"), "applied once");
        assertEquals(original.sequence(), f.ledger.lastSequence());
    }

    @Test
    void theSameIdInOneBatchIsAppliedOnce() {
        twoBusinesses(f);
        TransferRequest t = f.transfer("mie:alpha", "mie:beta", 100);
        TransferRequest same = request(uuid(t), "mie:alpha", "mie:beta", 100, "MIE");
        f.submit("alpha", t, same);
        assertEquals(ResultCode.OK, t.result());
        assertEquals(ResultCode.EXISTS, same.result());
        assertEquals(100, f.balance("mie:beta"));
    }

    @Test
    void theSameIdWithOtherFieldsIsAConflict() {
        twoBusinesses(f);
        f.business("gamma");
        TransferRequest original = f.send("alpha", "mie:alpha", "mie:beta", 2_500);
        UUID id = uuid(original);

        TransferRequest otherAmount = request(id, "mie:alpha", "mie:beta", 2_501, "MIE");
        TransferRequest otherCredit = request(id, "mie:alpha", "mie:gamma", 2_500, "MIE");
        TransferRequest asHold = request(id, "mie:alpha", "mie:beta", 2_500, "MIE", 60);
        TransferRequest withMemo = new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                "mie:alpha", "mie:beta", 2_500, "MIE", "invoice 12", null, 0);
        f.submit("alpha", otherAmount, otherCredit, asHold, withMemo);

        for (TransferRequest t : new TransferRequest[] {otherAmount, otherCredit, asHold, withMemo}) {
            assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, t.result());
        }
        assertEquals(-2_500, f.balance("mie:alpha"));
        assertEquals(0, f.balance("mie:gamma"));
    }

    @Test
    void aRejectedIdStaysRejectedWithItsCode() {
        f.citizen("claire");
        f.business("shop");
        f.issue("mlc:claire", 500);
        TransferRequest tooMuch = f.send("claire", "mlc:claire", "mlc:shop", 800);
        assertEquals(ResultCode.EXCEEDS_FLOOR, tooMuch.result());
        f.issue("mlc:claire", 500);

        TransferRequest again = request(uuid(tooMuch), "mlc:claire", "mlc:shop", 800, "MLC");
        f.submit("claire", again);

        assertEquals(ResultCode.EXCEEDS_FLOOR, again.result(), "though it would pass now");
        assertEquals(TransferStatus.REJECTED, again.status());
        assertEquals(1_000, f.balance("mlc:claire"));
        TransferRequest changed = request(uuid(tooMuch), "mlc:claire", "mlc:shop", 700, "MLC");
        f.submit("claire", changed);
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, changed.result());
        assertEquals(0, f.balance("mlc:shop"));
    }

    @Test
    void aTransferRejectedForAnUnknownAccountStaysRejectedOnceTheAccountExists() {
        twoBusinesses(f);
        UUID id = f.newId();
        TransferRequest early = request(id, "mie:alpha", "mie:later", 10, "MIE");
        f.submit("alpha", early);
        f.account("mie:later", "beta", "MIE");

        TransferRequest again = request(id, "mie:alpha", "mie:later", 10, "MIE");
        f.submit("alpha", again);
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, again.result());
        assertEquals(0, f.balance("mie:later"));
    }

    @Test
    void conversionAndIssuanceIdsAreIdempotentToo() {
        f.business("shop");
        UUID issueId = f.newId();
        Issue issue = new Issue(issueId.getMostSignificantBits(), issueId.getLeastSignificantBits(), "mlc:shop",
                10_000, "office 1");
        assertEquals(ResultCode.OK, f.apply(issue));
        Issue issueAgain = new Issue(issueId.getMostSignificantBits(), issueId.getLeastSignificantBits(), "mlc:shop",
                10_000, "office 1");
        assertEquals(ResultCode.EXISTS, f.apply(issueAgain));
        assertEquals(2, issueAgain.outcome().legCount());
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, f.apply(new Issue(issueId.getMostSignificantBits(),
                issueId.getLeastSignificantBits(), "mlc:shop", 20_000, "office 1")));
        assertEquals(10_000, f.balance("mlc:shop"));

        UUID convId = f.newId();
        Convert convert = new Convert(convId.getMostSignificantBits(), convId.getLeastSignificantBits(), "shop",
                "mlc:shop", null, "EUR", 1_999, null);
        assertEquals(ResultCode.OK, f.apply(convert));
        Convert convertAgain = new Convert(convId.getMostSignificantBits(), convId.getLeastSignificantBits(), "shop",
                "mlc:shop", null, "EUR", 1_999, null);
        assertEquals(ResultCode.EXISTS, f.apply(convertAgain));
        assertEquals(100, convertAgain.outcome().fee());
        assertEquals(3, convertAgain.outcome().legCount());
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, f.apply(new Convert(convId.getMostSignificantBits(),
                convId.getLeastSignificantBits(), "shop", "mlc:shop", "mie:shop", null, 1_999, null)));
        assertEquals(10_000 - 1_999, f.balance("mlc:shop"));

        TransferRequest sameIdAsTransfer = request(issueId, "mlc:shop", "mlc:fees", 1, "MLC");
        f.submit("shop", sameIdAsTransfer);
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, sameIdAsTransfer.result());
    }

    @Test
    void aRejectedConversionStaysRejected() {
        f.business("shop");
        f.issue("mlc:shop", 100);
        UUID id = f.newId();
        Convert tooMuch = new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), "shop", "mlc:shop",
                null, "EUR", 1_000, null);
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.apply(tooMuch));
        f.issue("mlc:shop", 10_000);
        Convert again = new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), "shop", "mlc:shop",
                null, "EUR", 1_000, null);
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.apply(again));
        assertEquals(TransferStatus.REJECTED, again.outcome().status());
        assertEquals(10_100, f.balance("mlc:shop"));
    }

    // ---- ids that left memory: answered through the archive ----

    /** Sends {@code n} one-cent transfers back and forth between alpha and beta, in batches of a thousand. */
    private static void pushIds(LedgerFixture fx, int n) {
        int sent = 0;
        boolean forth = true;
        while (sent < n) {
            int batch = Math.min(1_000, n - sent);
            TransferRequest[] ts = new TransferRequest[batch];
            for (int i = 0; i < batch; i++) {
                ts[i] = forth ? fx.transfer("mie:alpha", "mie:beta", 1) : fx.transfer("mie:beta", "mie:alpha", 1);
            }
            fx.submit(forth ? "alpha" : "beta", ts);
            for (TransferRequest t : ts) assertEquals(ResultCode.OK, t.result());
            sent += batch;
            forth = !forth;
        }
    }

    private static boolean inMemory(LedgerFixture fx, UUID id) {
        return fx.ledger.log.find(id.getMostSignificantBits(), id.getLeastSignificantBits()) != TransferLog.MISSING;
    }

    @Test
    void idsEvictedFromMemoryAreAnsweredThroughTheArchive() {
        LedgerFixture small = new LedgerFixture(LedgerFixture.withCapacity(CAPACITY));
        twoBusinesses(small);
        TransferRequest posted = small.send("alpha", "mie:alpha", "mie:beta", 5_000);
        TransferRequest rejected = small.send("alpha", "mie:alpha", "mie:beta", 1_000_000);
        assertEquals(ResultCode.EXCEEDS_FLOOR, rejected.result());

        pushIds(small, CAPACITY + 100);

        assertFalse(inMemory(small, uuid(posted)));
        assertFalse(inMemory(small, uuid(rejected)));
        assertTrue(small.archived.containsKey(uuid(posted)));
        assertTrue(small.archived.containsKey(uuid(rejected)));
        long alphaBefore = small.balance("mie:alpha");

        TransferRequest postedAgain = request(uuid(posted), "mie:alpha", "mie:beta", 5_000, "MIE");
        TransferRequest rejectedAgain = request(uuid(rejected), "mie:alpha", "mie:beta", 1_000_000, "MIE");
        TransferRequest postedChanged = request(uuid(posted), "mie:alpha", "mie:beta", 4_000, "MIE");
        small.submit("alpha", postedAgain, rejectedAgain, postedChanged);

        assertEquals(ResultCode.EXISTS, postedAgain.result());
        assertEquals(posted.sequence(), postedAgain.sequence());
        assertEquals(ResultCode.EXCEEDS_FLOOR, rejectedAgain.result());
        assertEquals(TransferStatus.REJECTED, rejectedAgain.status());
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, postedChanged.result());
        assertEquals(alphaBefore, small.balance("mie:alpha"));

        TransferRequest inGroup = request(uuid(posted), "mie:alpha", "mie:beta", 5_000, "MIE");
        TransferRequest fresh = small.transfer("mie:alpha", "mie:beta", 1);
        small.submitAtomic("alpha", inGroup, fresh);
        assertEquals(ResultCode.EXISTS, inGroup.result());
        assertEquals(ResultCode.LINKED_FAILED, fresh.result());
        assertEquals(alphaBefore, small.balance("mie:alpha"));
    }

    @Test
    void evictedConversionIdsAreAnsweredThroughTheArchive() {
        LedgerFixture small = new LedgerFixture(LedgerFixture.withCapacity(CAPACITY));
        twoBusinesses(small);
        small.issue("mlc:alpha", 10_000);
        UUID id = small.newId();
        assertEquals(ResultCode.OK, small.apply(new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                "alpha", "mlc:alpha", null, "EUR", 1_999, "ref")));

        pushIds(small, CAPACITY + 10);
        assertFalse(inMemory(small, id));

        Convert again = new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), "alpha", "mlc:alpha",
                null, "EUR", 1_999, "ref");
        assertEquals(ResultCode.EXISTS, small.apply(again));
        assertEquals(100, again.outcome().fee());
        assertEquals(10_000 - 1_999, small.balance("mlc:alpha"));
        TransferRecord leg = small.ledger.transfer(GroupIds.leg(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                0)[0], GroupIds.leg(id.getMostSignificantBits(), id.getLeastSignificantBits(), 0)[1]);
        assertNotNull(leg);
        assertEquals(1_899, leg.amount());
    }

    @Test
    void aHoldThatOutlivesItsLogEntryCanStillBePostedAndReplaysStillAnswer() {
        LedgerFixture small = new LedgerFixture(LedgerFixture.withCapacity(CAPACITY));
        twoBusinesses(small);
        small.citizen("claire");
        small.issue("mlc:claire", 10_000);
        TransferRequest hold = small.hold("claire", "mlc:claire", "mlc:beta", 4_000, 7 * 86_400);
        assertEquals(ResultCode.OK, hold.result());

        pushIds(small, CAPACITY + 100);

        assertFalse(inMemory(small, uuid(hold)));
        assertFalse(small.archived.containsKey(uuid(hold)), "still pending: kept by the ledger, not archived");
        assertEquals(TransferStatus.PENDING, small.record(hold).status());
        TransferRequest whilePending = request(uuid(hold), "mlc:claire", "mlc:beta", 4_000, "MLC", 7 * 86_400);
        small.submit("claire", whilePending);
        assertEquals(ResultCode.EXISTS, whilePending.result());
        assertEquals(TransferStatus.PENDING, whilePending.status());
        assertEquals(4_000, small.view("mlc:claire").debitsPending(), "the replay held nothing more");

        ResolvePending post = small.post("beta", hold, 2_500);

        assertEquals(ResultCode.OK, post.result());
        assertEquals(7_500, small.balance("mlc:claire"));
        assertEquals(2_500, small.balance("mlc:beta"));
        assertEquals(0, small.view("mlc:claire").debitsPending());
        assertEquals(0, small.ledger.pendingCount());
        TransferRecord archived = small.archived.get(uuid(hold));
        assertNotNull(archived);
        assertEquals(TransferStatus.POSTED, archived.status());
        assertEquals(2_500, archived.postedAmount());

        TransferRequest replay = request(uuid(hold), "mlc:claire", "mlc:beta", 4_000, "MLC", 7 * 86_400);
        small.submit("claire", replay);
        assertEquals(ResultCode.EXISTS, replay.result());
        assertEquals(TransferStatus.POSTED, replay.status());
        assertEquals(hold.sequence(), replay.sequence());
        ResolvePending postAgain = small.post("beta", hold, 0);
        assertEquals(ResultCode.PENDING_ALREADY_RESOLVED, postAgain.result());
        assertEquals(2_500, postAgain.postedAmount());
        assertEquals(7_500, small.balance("mlc:claire"));
    }

    @Test
    void aHoldThatOutlivesItsLogEntryStillExpires() {
        LedgerFixture small = new LedgerFixture(LedgerFixture.withCapacity(CAPACITY));
        twoBusinesses(small);
        small.citizen("claire");
        small.issue("mlc:claire", 10_000);
        TransferRequest hold = small.hold("claire", "mlc:claire", "mlc:beta", 4_000, 3_600);
        pushIds(small, CAPACITY + 100);
        assertFalse(inMemory(small, uuid(hold)));

        small.advanceSeconds(3_600);
        small.apply(new Tick());

        assertEquals(TransferStatus.EXPIRED, small.archived.get(uuid(hold)).status());
        assertEquals(TransferStatus.EXPIRED, small.record(hold).status());
        assertEquals(0, small.view("mlc:claire").debitsPending());
        assertEquals(ResultCode.PENDING_EXPIRED, small.post("beta", hold, 0).result());
        assertEquals(0, small.balance("mlc:beta"));
    }
}
