package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens' ids, expiry, revocation and last use, signing keys' times, and enrollment codes as ledger state: what the
 * back office lists and revokes, and what a device spends once.
 */
class TokenLifecycleTest {
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void members() {
        f.citizen("claire");
        f.business("shop");
    }

    private static byte[] bytes(int value) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private long register(RegisterToken t) {
        assertEquals(ResultCode.OK, f.apply(t));
        return t.number();
    }

    @Test
    void tokensAreNumberedInOrderAndKeepTheirTimesAndLimits() {
        long first = register(new RegisterToken(bytes(1), TokenRole.MEMBER, "claire", null, 0));
        f.advanceSeconds(10);
        long till = register(new RegisterToken(bytes(2), TokenRole.TERMINAL, "shop", "till-1", 500, 5_000, 3_600));
        assertEquals(first + 1, till);
        TokenView t = f.ledger.token(till);
        assertEquals(f.now, t.createdMs());
        assertEquals(f.now + 3_600_000, t.expiresAtMs());
        assertEquals(5_000, t.refundLimitPerDay());
        assertEquals("active", t.status(f.now));
        assertEquals("expired", t.status(f.now + 3_600_000));
        assertNull(f.ledger.token(first).expiresAtMs(), "no expires_in_s: no expiry");
        assertEquals(ResultCode.INVALID_AMOUNT, f.apply(new RegisterToken(bytes(3), TokenRole.MEMBER, "claire", null,
                0, 100, 0)), "only a terminal has a daily refund limit");
        assertEquals(ResultCode.INVALID_TIMEOUT, f.apply(new RegisterToken(bytes(3), TokenRole.AUDITOR, null, null, 0,
                0, RegisterToken.MAX_EXPIRES_IN_S + 1)));
    }

    @Test
    void aRevokedTokenIsListedAsSuchForThirtyDaysThenForgotten() {
        long n = register(new RegisterToken(bytes(1), TokenRole.TERMINAL, "shop", "till-1", 0));
        f.advanceSeconds(5);
        assertEquals(ResultCode.OK, f.apply(new RevokeToken(n)));
        assertEquals(f.now, f.ledger.token(n).revokedMs());
        assertEquals("revoked", f.ledger.token(n).status(f.now));
        assertEquals(ResultCode.EXISTS, f.apply(new RevokeToken(n)), "revoking again changes nothing");
        assertEquals(ResultCode.UNKNOWN_TOKEN, f.apply(new RevokeToken(n + 1)));
        f.advanceDays(30);
        f.apply(new Tick());
        assertNull(f.ledger.token(n), "memory holds the live tokens and the last 30 days, not every token made");
        assertEquals(ResultCode.UNKNOWN_TOKEN, f.apply(new RevokeToken(n)));
        long next = register(new RegisterToken(bytes(2), TokenRole.MEMBER, "claire", null, 0));
        assertEquals(n + 1, next, "an id is never reused");
    }

    @Test
    void anExpiredTokenCannotBeRevokedAndLeavesMemoryThirtyDaysAfterItsExpiry() {
        long n = register(new RegisterToken(bytes(1), TokenRole.AUDITOR, null, null, 0, 0, 60));
        f.advanceSeconds(60);
        assertEquals(ResultCode.EXISTS, f.apply(new RevokeToken(n)), "already ended: nothing to do");
        assertNull(f.ledger.token(n).revokedMs());
        f.advanceDays(30);
        f.apply(new Tick());
        assertNull(f.ledger.token(n));
    }

    @Test
    void lastUseOnlyMovesForwardAndNeverPastTheCommandsTime() {
        long n = register(new RegisterToken(bytes(1), TokenRole.MEMBER, "claire", null, 0));
        f.apply(new RecordTokenUse(new long[] {n, 999}, new long[] {f.now - 1_000, f.now}));
        assertEquals(f.now - 1_000, f.ledger.token(n).lastUsedMs());
        f.apply(new RecordTokenUse(new long[] {n}, new long[] {f.now - 5_000}));
        assertEquals(f.now - 1_000, f.ledger.token(n).lastUsedMs(), "an older use does not move it back");
        f.apply(new RecordTokenUse(new long[] {n}, new long[] {f.now + 60_000}));
        assertEquals(f.now, f.ledger.token(n).lastUsedMs(), "a use is never later than its command");
    }

    @Test
    void signingKeysKeepWhenTheyWereRegisteredAndRevoked() {
        assertEquals(ResultCode.OK, f.apply(new RegisterSigningKey("claire", "phone", bytes(9), null)));
        long registered = f.now;
        f.advanceSeconds(30);
        assertEquals(ResultCode.OK, f.apply(new RevokeSigningKey("claire", "phone")));
        f.advanceSeconds(30);
        assertEquals(ResultCode.OK, f.apply(new RevokeSigningKey("claire", "phone")));
        SigningKeyView k = f.ledger.signingKey("phone");
        assertEquals(registered, k.registeredMs());
        assertEquals(registered + 30_000, k.revokedMs(), "revoking again keeps the first revocation's time");
    }

    @Test
    void anEnrollmentCodeRegistersTheKeyAndATokenOnceOnly() {
        assertEquals(ResultCode.OK, f.apply(new CreateEnrollment(bytes(1), TokenRole.TERMINAL, "shop", "till-2", 700,
                9_000, 3_600)));
        Enroll taken = new Enroll(bytes(1), "till-2-key", bytes(2), bytes(3), null);
        assertEquals(ResultCode.OK, f.apply(new RegisterSigningKey("claire", "till-2-key", bytes(4), null)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS, f.apply(taken), "a key id taken leaves the code unused");
        Enroll enroll = new Enroll(bytes(1), "till-2-own", bytes(2), bytes(3), "Caisse 2");
        assertEquals(ResultCode.OK, f.apply(enroll));
        TokenView t = f.ledger.token(enroll.tokenNumber());
        assertEquals("shop", t.memberId());
        assertEquals("till-2", t.terminalId());
        assertEquals(TokenRole.TERMINAL, t.role());
        assertEquals(700, t.refundLimit());
        assertEquals(9_000, t.refundLimitPerDay());
        assertEquals("Caisse 2", t.deviceName());
        assertEquals("till-2", f.ledger.signingKey("till-2-own").terminalId(), "the key is the terminal's");
        assertEquals(ResultCode.ENROLLMENT_INVALID, f.apply(new Enroll(bytes(1), "till-2-b", bytes(5), bytes(6), null)),
                "a code is used once");
        assertEquals(ResultCode.ENROLLMENT_INVALID, f.apply(new Enroll(bytes(7), "x", bytes(5), bytes(6), null)));
    }

    @Test
    void anExpiredCodeIsRefusedThenForgotten() {
        assertEquals(ResultCode.OK, f.apply(new CreateEnrollment(bytes(1), TokenRole.MEMBER, "claire", null, 0, 0, 60)));
        assertEquals(ResultCode.INVALID_TIMEOUT, f.apply(new CreateEnrollment(bytes(2), TokenRole.MEMBER, "claire",
                null, 0, 0, CreateEnrollment.MAX_EXPIRES_IN_S + 1)), "7 days at most");
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateEnrollment(bytes(2), TokenRole.ADMIN, "claire", null, 0,
                0, 60)), "a device enrols for a member");
        assertEquals(ResultCode.UNKNOWN_MEMBER, f.apply(new CreateEnrollment(bytes(2), TokenRole.MEMBER, "nobody",
                null, 0, 0, 60)));
        f.advanceSeconds(60);
        assertEquals(ResultCode.ENROLLMENT_INVALID, f.apply(new Enroll(bytes(1), "phone", bytes(5), bytes(6), null)));
        assertTrue(f.ledger.signingKeys().isEmpty());
        assertEquals(0, f.ledger.enrollmentCodes(), "an expired code leaves memory");
    }

    @Test
    void everyNewPartOfTheStateIsInTheDigestAndSurvivesASnapshot() {
        long n = register(new RegisterToken(bytes(1), TokenRole.TERMINAL, "shop", "till-1", 500, 5_000, 3_600));
        byte[] before = f.ledger.digest();
        f.apply(new RecordTokenUse(new long[] {n}, new long[] {f.now}));
        byte[] used = f.ledger.digest();
        assertTrue(!Arrays.equals(before, used), "the last use is state");
        f.apply(new CreateEnrollment(bytes(2), TokenRole.MEMBER, "claire", null, 0, 0, 600));
        f.apply(new RegisterSigningKey("claire", "phone", bytes(9), null));
        f.advanceSeconds(1);
        f.apply(new RevokeSigningKey("claire", "phone"));
        f.apply(new RevokeToken(n));
        Ledger restored = LedgerSnapshot.read(LedgerFixture.CONFIG, (hi, lo) -> null, LedgerSnapshot.write(f.ledger));
        assertArrayEquals(f.ledger.digest(), restored.digest());
        TokenView token = restored.token(n);
        assertEquals(f.ledger.token(n).revokedMs(), token.revokedMs());
        assertEquals(f.ledger.token(n).lastUsedMs(), token.lastUsedMs());
        assertEquals(f.ledger.token(n).expiresAtMs(), token.expiresAtMs());
        assertEquals(5_000, token.refundLimitPerDay());
        assertEquals(f.ledger.signingKey("phone").revokedMs(), restored.signingKey("phone").revokedMs());
        assertEquals(f.ledger.signingKey("phone").registeredMs(), restored.signingKey("phone").registeredMs());
        Enroll enroll = new Enroll(bytes(2), "phone-2", bytes(3), bytes(4), null);
        enroll.setTimestampMs(f.now);
        assertEquals(ResultCode.OK, restored.apply(enroll), "the code survived the snapshot");
        assertEquals(n + 1, enroll.tokenNumber(), "and so did the last id given");
    }
}
