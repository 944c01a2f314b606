package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens and signing keys as ledger state: validation, idempotency, and the key check of signed commands. */
class CredentialsTest {
    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void twoMembers() {
        f.citizen("claire");
        f.business("shop");
        f.issue("mlc:claire", 10_000);
        assertEquals(ResultCode.OK, f.apply(new RegisterSigningKey("claire", "claire-1", bytes(32, 1), null)));
    }

    private static byte[] bytes(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private SubmitTransfers signed(String actor, String keyId, TransferRequest t) {
        SubmitTransfers s = new SubmitTransfers(actor, false, t);
        s.signedWith(keyId);
        return s;
    }

    @Test
    void aTransferSignedWithALiveKeyOfItsMemberApplies() {
        TransferRequest t = f.transfer("mlc:claire", "mlc:shop", 100);
        assertEquals(ResultCode.OK, f.apply(signed("claire", "claire-1", t)));
        assertEquals(ResultCode.OK, t.result());
        assertEquals(100, f.balance("mlc:shop"));
    }

    @Test
    void aRevokedUnknownOrForeignKeySignsNothingAndTakesNoId() {
        assertEquals(ResultCode.OK, f.apply(new RegisterSigningKey("shop", "shop-1", bytes(32, 2), null)));
        TransferRequest foreign = f.transfer("mlc:claire", "mlc:shop", 100);
        assertEquals(ResultCode.UNKNOWN_SIGNING_KEY, f.apply(signed("claire", "shop-1", foreign)));
        assertEquals(ResultCode.UNKNOWN_SIGNING_KEY, foreign.result());
        assertEquals(ResultCode.UNKNOWN_SIGNING_KEY, f.apply(signed("claire", "nobody", f.transfer("mlc:claire",
                "mlc:shop", 100))));
        assertEquals(ResultCode.OK, f.apply(new RevokeSigningKey("claire", "claire-1")));
        TransferRequest revoked = f.transfer("mlc:claire", "mlc:shop", 100);
        assertEquals(ResultCode.SIGNING_KEY_REVOKED, f.apply(signed("claire", "claire-1", revoked)));
        assertEquals(TransferStatus.REJECTED, revoked.status());
        assertNull(f.record(revoked), "a refused command takes no id: the client may send it again signed anew");
        assertEquals(0, f.balance("mlc:shop"));

        ResolvePending post = ResolvePending.post("shop", 1, 2, 0);
        post.signedWith("claire-1");
        assertEquals(ResultCode.UNKNOWN_SIGNING_KEY, f.apply(post));
        Convert convert = new Convert(3, 4, "claire", "mlc:claire", null, "EUR", 100, null);
        convert.signedWith("claire-1");
        assertEquals(ResultCode.SIGNING_KEY_REVOKED, f.apply(convert));
        assertEquals(TransferStatus.REJECTED, convert.outcome().status());
    }

    @Test
    void keysAreUniqueByIdAndRevocationIsForGood() {
        assertEquals(ResultCode.EXISTS, f.apply(new RegisterSigningKey("claire", "claire-1", bytes(32, 1), null)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new RegisterSigningKey("shop", "claire-1", bytes(32, 1), null)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RegisterSigningKey("claire", "Bad Id", bytes(32, 1), null)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RegisterSigningKey("claire", "short", bytes(31, 1), null)));
        assertEquals(ResultCode.UNKNOWN_MEMBER, f.apply(new RegisterSigningKey("nobody", "k", bytes(32, 1), null)));
        assertEquals(ResultCode.UNKNOWN_SIGNING_KEY, f.apply(new RevokeSigningKey("shop", "claire-1")));
        assertEquals(ResultCode.OK, f.apply(new RevokeSigningKey("claire", "claire-1")));
        assertEquals(ResultCode.OK, f.apply(new RevokeSigningKey("claire", "claire-1")));
        assertEquals(ResultCode.EXISTS, f.apply(new RegisterSigningKey("claire", "claire-1", bytes(32, 1), null)));
        SigningKeyView k = f.ledger.signingKeys().get(0);
        assertTrue(k.revoked(), "registering a revoked key again does not bring it back");
        assertEquals("claire", k.memberId());
        assertArrayEquals(bytes(32, 1), k.publicKey());
    }

    @Test
    void tokensNameWhatTheirRoleNeedsAndNothingElse() {
        assertEquals(ResultCode.OK, f.apply(new RegisterToken(bytes(32, 1), TokenRole.ADMIN, null, null, 0)));
        assertEquals(ResultCode.EXISTS, f.apply(new RegisterToken(bytes(32, 1), TokenRole.ADMIN, null, null, 0)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new RegisterToken(bytes(32, 1), TokenRole.AUDITOR, null, null, 0)));
        assertEquals(ResultCode.OK, f.apply(new RegisterToken(bytes(32, 2), TokenRole.TERMINAL, "shop", "till-1", 500)));
        assertEquals(ResultCode.OK, f.apply(new RegisterToken(bytes(32, 3), TokenRole.MEMBER, "claire", null, 0)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RegisterToken(bytes(32, 4), TokenRole.ADMIN, "shop", null, 0)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RegisterToken(bytes(32, 4), TokenRole.MEMBER, null, null, 0)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RegisterToken(bytes(32, 4), TokenRole.TERMINAL, "shop", null,
                0)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RegisterToken(bytes(32, 4), TokenRole.MEMBER, "shop", "t", 0)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RegisterToken(bytes(16, 4), TokenRole.ADMIN, null, null, 0)));
        assertEquals(ResultCode.INVALID_AMOUNT, f.apply(new RegisterToken(bytes(32, 4), TokenRole.TERMINAL, "shop",
                "till-2", -1)));
        assertEquals(ResultCode.INVALID_AMOUNT, f.apply(new RegisterToken(bytes(32, 4), TokenRole.MEMBER, "shop", null,
                5)));
        assertEquals(ResultCode.UNKNOWN_MEMBER, f.apply(new RegisterToken(bytes(32, 4), TokenRole.MEMBER, "nobody",
                null, 0)));
        assertEquals(3, f.ledger.tokens().size());
        TokenView terminal = f.ledger.tokens().get(1);
        assertEquals(TokenRole.TERMINAL, terminal.role());
        assertEquals("shop", terminal.memberId());
        assertEquals("till-1", terminal.terminalId());
        assertEquals(500, terminal.refundLimit());
    }

    @Test
    void credentialsAreInTheDigestAndSurviveASnapshot() {
        byte[] before = f.ledger.digest();
        assertEquals(ResultCode.OK, f.apply(new RegisterToken(bytes(32, 5), TokenRole.AUDITOR, null, null, 0)));
        byte[] withToken = f.ledger.digest();
        assertFalse(Arrays.equals(before, withToken));
        assertEquals(ResultCode.OK, f.apply(new RevokeSigningKey("claire", "claire-1")));
        assertFalse(Arrays.equals(withToken, f.ledger.digest()));

        Ledger restored = LedgerSnapshot.read(LedgerFixture.CONFIG, (hi, lo) -> null, LedgerSnapshot.write(f.ledger));
        assertArrayEquals(f.ledger.digest(), restored.digest());
        assertEquals(1, restored.tokens().size());
        assertTrue(restored.signingKeys().get(0).revoked());
    }

    @Test
    void aMemberCanBeRenamed() {
        assertEquals(ResultCode.OK, f.apply(new RenameMember("shop", "The Shop")));
        assertEquals("The Shop", f.ledger.member("shop").name());
        assertEquals(ResultCode.UNKNOWN_MEMBER, f.apply(new RenameMember("nobody", "x")));
        assertEquals(ResultCode.INVALID_ID, f.apply(new RenameMember("shop", "")));
        assertEquals(2, f.ledger.members().size());
        assertEquals(java.util.List.of("mie:shop", "mlc:shop"), f.ledger.members().get(1).accountIds());
    }
}
