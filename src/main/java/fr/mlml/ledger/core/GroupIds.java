package fr.mlml.ledger.core;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ids of the transfers of a conversion or issuance, derived from the group's id: SHA-256 of a label, the group
 * id and the leg number, shaped as a version-8 UUID. Deterministic (replay gives the same ids) and, unlike an
 * arithmetic derivation, not something a client can aim another id at.
 */
public final class GroupIds {
    private GroupIds() {
    }

    /** {hi, lo} of leg {@code leg} (from 0) of the group {@code (hi, lo)}. */
    public static long[] leg(long groupHi, long groupLo, int leg) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        ByteBuffer in = ByteBuffer.allocate(32);
        in.put("mlml/leg".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(groupHi).putLong(groupLo)
                .putInt(leg);
        ByteBuffer out = ByteBuffer.wrap(sha.digest(in.array()));
        long hi = (out.getLong() & ~0xF000L) | 0x8000L;
        long lo = (out.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new long[] {hi, lo};
    }

    /** The records of an applied group's transfers, read from {@code ledger} (none for a rejected group). */
    public static java.util.List<TransferRecord> legs(Ledger ledger, long groupHi, long groupLo, GroupOutcome outcome) {
        java.util.List<TransferRecord> legs = new java.util.ArrayList<>(outcome.legCount());
        for (int i = 0; i < outcome.legCount(); i++) {
            long[] leg = leg(groupHi, groupLo, i);
            legs.add(ledger.transfer(leg[0], leg[1]));
        }
        return legs;
    }
}
