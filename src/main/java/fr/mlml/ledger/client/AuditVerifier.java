package fr.mlml.ledger.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an audit export ({@code GET /v1/audit/export}) with nothing but the ledger's public key, trusting nothing
 * the server says about itself: every batch's hash is recomputed as {@code SHA-256(previous hash ‖ commands ‖
 * entries digest)} from the export's own bytes, every batch's signature is checked with the key the auditor gives,
 * the sequences must follow each other up to the head the header names, and every line must have the export's one
 * exact form, so that no byte of the file can change unseen. Uses only the Java platform (SHA-256, Ed25519).
 */
public final class AuditVerifier {
    /** The outcome: {@code firstBadSequence} and {@code problem} are null when the export checks. */
    public record Result(boolean ok, long batchesChecked, Long firstBadSequence, String problem, long headSequence,
                         String headHash) {
    }

    static final String FORMAT = "mlml-ledger/audit-export/1";
    /** A batch holds at most 48 MiB of commands: its line, in base64url, stays under this. */
    private static final int MAX_LINE_BYTES = 72 << 20;
    private static final String NUMBER = "(0|[1-9][0-9]{0,18})";
    private static final String HASH = "([0-9a-f]{64})";
    private static final Pattern HEADER = Pattern.compile("\\{\"format\":\"" + Pattern.quote(FORMAT)
            + "\",\"after_sequence\":" + NUMBER + ",\"head_sequence\":" + NUMBER + ",\"previous_hash\":\"" + HASH
            + "\",\"ledger_public_key\":\"([A-Za-z0-9_-]{43})\"}");
    private static final Pattern BATCH = Pattern.compile("\\{\"sequence\":" + NUMBER + ",\"hash\":\"" + HASH
            + "\",\"signature\":\"([A-Za-z0-9_-]{86})\",\"entries_digest\":\"" + HASH
            + "\",\"commands\":\"([A-Za-z0-9_-]*)\"}");
    private static final HexFormat HEX = HexFormat.of();

    private final PublicKey ledgerKey;
    private final String ledgerKeyText;

    /** {@code ledgerPublicKey}: the ledger's key in base64url, as the auditor got it from the association. */
    public AuditVerifier(String ledgerPublicKey) {
        this.ledgerKeyText = ledgerPublicKey.trim();
        byte[] raw = strictBase64url(ledgerKeyText, 32);
        if (raw == null) throw new IllegalArgumentException("the ledger's public key is 32 bytes in base64url");
        this.ledgerKey = Ed25519Keys.publicKey(raw);
    }

    public Result verify(InputStream export) throws IOException {
        Lines lines = new Lines(export);
        String first = lines.next();
        if (first == null) return bad(0, 1L, "the export is empty: not even its header line", 0, null);
        Matcher header = HEADER.matcher(first);
        if (!header.matches()) return bad(0, 1L, "the first line is not an audit export's header", 0, null);
        long after = Long.parseLong(header.group(1));
        long head = Long.parseLong(header.group(2));
        byte[] previous = HEX.parseHex(header.group(3));
        if (!header.group(4).equals(ledgerKeyText)) {
            return bad(0, after + 1, "the export names another ledger key than the one given: "
                    + header.group(4), head, null);
        }
        if (after == 0 && !Arrays.equals(previous, new byte[32])) {
            return bad(0, 1L, "a whole export must start from the chain's origin (32 zero bytes)", head, null);
        }
        if (head < after) return bad(0, after + 1, "the header's head is before its start", head, null);
        long sequence = after;
        for (String line; (line = lines.next()) != null; ) {
            long expected = sequence + 1;
            if (expected > head) return bad(sequence - after, expected, "a line after the head the header names, "
                    + "batch " + head, head, hex(previous));
            Matcher batch = BATCH.matcher(line);
            if (!batch.matches()) return bad(sequence - after, expected, "line of batch " + expected
                    + " is not in the export's form", head, hex(previous));
            if (Long.parseLong(batch.group(1)) != expected) return bad(sequence - after, expected, "batch "
                    + batch.group(1) + " where batch " + expected + " was due", head, hex(previous));
            byte[] hash = HEX.parseHex(batch.group(2));
            byte[] signature = strictBase64url(batch.group(3), 64);
            byte[] digest = HEX.parseHex(batch.group(4));
            byte[] commands = strictBase64url(batch.group(5), -1);
            if (signature == null || commands == null) return bad(sequence - after, expected, "batch " + expected
                    + " holds base64url that is not in its one exact form", head, hex(previous));
            if (!Arrays.equals(hash, chained(previous, commands, digest))) return bad(sequence - after, expected,
                    "batch " + expected + " does not hash to what the chain says", head, hex(previous));
            if (!signed(expected, hash, signature)) return bad(sequence - after, expected, "batch " + expected
                    + " is not signed by the ledger's key", head, hex(previous));
            previous = hash;
            sequence = expected;
        }
        if (lines.cutShort) return bad(sequence - after, sequence + 1, "the export ends inside a line", head,
                hex(previous));
        if (sequence != head) return bad(sequence - after, sequence + 1, "the export stops at batch " + sequence
                + " but its header says the head is batch " + head, head, hex(previous));
        return new Result(true, sequence - after, null, null, head, hex(previous));
    }

    private static Result bad(long checked, Long firstBad, String problem, long head, String lastGoodHash) {
        return new Result(false, checked, firstBad, problem, head, lastGoodHash);
    }

    private static byte[] chained(byte[] previous, byte[] commands, byte[] digest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previous);
            sha.update(commands);
            sha.update(digest);
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The ledger signs {@code mlml-ledger/v1/chain\n<sequence>\n<hash hex>} for every batch. */
    private boolean signed(long sequence, byte[] hash, byte[] signature) {
        return Ed25519Keys.verifies(ledgerKey, ("mlml-ledger/v1/chain\n" + sequence + "\n" + HEX.formatHex(hash))
                .getBytes(StandardCharsets.US_ASCII), signature);
    }

    /**
     * Decodes base64url without padding, or null unless {@code text} is the one encoding of its bytes (the unused low
     * bits of the last character zero) and, when {@code bytes >= 0}, of that length.
     */
    private static byte[] strictBase64url(String text, int bytes) {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        boolean exact = Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(text);
        return exact && (bytes < 0 || decoded.length == bytes) ? decoded : null;
    }

    private static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Lines ended by {@code \n} only, as ASCII, each bounded; {@link #cutShort} once the last has no end. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        boolean cutShort;

        Lines(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (line.size() > 0) cutShort = true;
                        return null;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') position++;
                line.write(buffer, start, position - start);
                if (line.size() > MAX_LINE_BYTES) throw new IOException("a line of the export is over "
                        + MAX_LINE_BYTES + " bytes: not an audit export");
                if (position < limit) {
                    position++;
                    return line.toString(StandardCharsets.ISO_8859_1);
                }
            }
        }
    }
}
