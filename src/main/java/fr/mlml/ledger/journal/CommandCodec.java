package fr.mlml.ledger.journal;

import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.CapOverride;
import fr.mlml.ledger.core.ChangeAccount;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.ConversionPolicy;
import fr.mlml.ledger.core.Convert;
import fr.mlml.ledger.core.CorruptRecordException;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.CreateEnrollment;
import fr.mlml.ledger.core.CreatePaymentRequest;
import fr.mlml.ledger.core.Enroll;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.RecordTokenUse;
import fr.mlml.ledger.core.RegisterSigningKey;
import fr.mlml.ledger.core.RegisterToken;
import fr.mlml.ledger.core.RenameMember;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.RevokeSigningKey;
import fr.mlml.ledger.core.RevokeToken;
import fr.mlml.ledger.core.SetConversionCaps;
import fr.mlml.ledger.core.SignedCommand;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.Tick;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TransferRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The journal's bytes for a command: a tag, the command's timestamp, then its input fields (never its outcome,
 * which replay recomputes: the core is deterministic). Tags, field order and the enums' {@code wire} numbers are a
 * storage format, read back by every later build ({@code GoldenFilesTest}): add new tags, never renumber or reorder.
 * A field added to a command is written last in it, {@link BatchCodec#FORMAT} is raised, and the decoder reads the
 * field only from batches of that format on (older ones give its default).
 */
public final class CommandCodec {
    /** Bounds a cap list on decode, so the encoder refuses more. */
    static final int MAX_CAPS = 64;
    private static final int CREATE_MEMBER = 1;
    private static final int CREATE_ACCOUNT = 2;
    private static final int CHANGE_ACCOUNT = 3;
    private static final int SET_CONVERSION_CAPS = 4;
    private static final int SUBMIT_TRANSFERS = 5;
    private static final int RESOLVE_PENDING = 6;
    private static final int CONVERT = 7;
    private static final int ISSUE = 8;
    private static final int CREATE_PAYMENT_REQUEST = 9;
    private static final int TICK = 10;
    private static final int REGISTER_TOKEN = 11;
    private static final int REGISTER_SIGNING_KEY = 12;
    private static final int REVOKE_SIGNING_KEY = 13;
    private static final int RENAME_MEMBER = 14;
    /** A signed command: the key id, then the command's own encoding. */
    private static final int SIGNED = 15;
    /** {@link #SUBMIT_TRANSFERS} with each transfer's {@code refund_of}, then the sending terminal. */
    private static final int SUBMIT_TRANSFERS_WITH_REFUNDS = 16;
    /** {@link #RESOLVE_PENDING} then the terminal that resolves. */
    private static final int RESOLVE_PENDING_BY_TERMINAL = 17;
    /** {@link #CREATE_ACCOUNT} then the admin token that opened it. */
    private static final int CREATE_ACCOUNT_BY = 18;
    /** {@link #CHANGE_ACCOUNT} then the admin token that changed it. */
    private static final int CHANGE_ACCOUNT_BY = 19;
    // Tags from 30 on: the credentials of the back office (ids, expiry, revocation, enrollment).
    /** {@link #REGISTER_TOKEN} then the daily refund limit and the lifetime. */
    private static final int REGISTER_TOKEN_WITH_EXPIRY = 30;
    private static final int REVOKE_TOKEN = 31;
    private static final int RECORD_TOKEN_USE = 32;
    private static final int CREATE_ENROLLMENT = 33;
    private static final int ENROLL = 34;
    /** {@link #SUBMIT_TRANSFERS_WITH_REFUNDS} then the sending terminal's daily refund limit (when it has one). */
    private static final int SUBMIT_TRANSFERS_WITH_DAILY_REFUND_LIMIT = 35;
    /** An enum field left out (null). */
    private static final int NONE = -1;
    /** A command's tag and timestamp. */
    private static final int HEADER_BYTES = 1 + Long.BYTES;

    private CommandCodec() {
    }

    public static byte[] encode(Command c) {
        ByteWriter out = new ByteWriter(64);
        encode(c, out);
        return out.toByteArray();
    }

    public static Command decode(byte[] bytes) {
        ByteReader in = new ByteReader(bytes, 0, bytes.length);
        Command c = decode(in);
        if (!in.atEnd()) throw new CorruptRecordException("trailing bytes after a command");
        return c;
    }

    /**
     * At least as many bytes as {@link #encode} writes for {@code c}, without encoding the commands that come by the
     * thousand (a string's UTF-8 takes at most three bytes per UTF-16 unit); the rarer others are encoded.
     */
    public static long sizeBound(Command c) {
        long signed = c instanceof SignedCommand s && s.keyId() != null ? HEADER_BYTES + stringBound(s.keyId()) : 0;
        if (c instanceof SubmitTransfers s) {
            long bytes = HEADER_BYTES + stringBound(s.actorMemberId) + 1 + Integer.BYTES + stringBound(s.terminalId())
                    + Long.BYTES;
            for (TransferRequest t : s.transfers) bytes += transferBound(t);
            return signed + bytes;
        }
        if (c instanceof ResolvePending r) {
            return signed + HEADER_BYTES + stringBound(r.actorMemberId) + 3 * Long.BYTES + 1 + stringBound(r.terminalId());
        }
        return encode(c).length;
    }

    private static long transferBound(TransferRequest t) {
        return 3 * Long.BYTES + Integer.BYTES + 1 + 2 * Long.BYTES + stringBound(t.debitAccount)
                + stringBound(t.creditAccount) + stringBound(t.currency) + stringBound(t.memo)
                + stringBound(t.paymentRequest);
    }

    private static long stringBound(String s) {
        return Integer.BYTES + (s == null ? 0 : 3L * s.length());
    }

    static void encode(Command c, ByteWriter out) {
        if (c instanceof SignedCommand s && s.keyId() != null) {
            header(out, SIGNED, c);
            out.writeString(s.keyId());
        }
        if (c instanceof SubmitTransfers s) {
            boolean limited = s.refundLimitPerDay() != 0;
            header(out, limited ? SUBMIT_TRANSFERS_WITH_DAILY_REFUND_LIMIT : SUBMIT_TRANSFERS_WITH_REFUNDS, c);
            out.writeString(s.actorMemberId);
            out.writeByte(s.atomic ? 1 : 0);
            out.writeInt(s.transfers.length);
            for (TransferRequest t : s.transfers) {
                out.writeLong(t.idHi);
                out.writeLong(t.idLo);
                out.writeString(t.debitAccount);
                out.writeString(t.creditAccount);
                out.writeLong(t.amount);
                out.writeString(t.currency);
                out.writeString(t.memo);
                out.writeString(t.paymentRequest);
                out.writeInt(t.pendingTimeoutS);
                out.writeByte(t.refundOf == null ? 0 : 1);
                if (t.refundOf != null) {
                    out.writeLong(t.refundOf.getMostSignificantBits());
                    out.writeLong(t.refundOf.getLeastSignificantBits());
                }
            }
            out.writeString(s.terminalId());
            if (limited) out.writeLong(s.refundLimitPerDay());
        } else if (c instanceof ResolvePending r) {
            header(out, RESOLVE_PENDING_BY_TERMINAL, c);
            out.writeString(r.actorMemberId);
            out.writeLong(r.idHi);
            out.writeLong(r.idLo);
            out.writeByte(r.post ? 1 : 0);
            out.writeLong(r.amount);
            out.writeString(r.terminalId());
        } else if (c instanceof Convert v) {
            header(out, CONVERT, c);
            out.writeLong(v.idHi);
            out.writeLong(v.idLo);
            out.writeString(v.actorMemberId);
            out.writeString(v.fromAccount);
            out.writeString(v.toAccount);
            out.writeString(v.toCurrency);
            out.writeLong(v.amount);
            out.writeString(v.reference);
        } else if (c instanceof Issue i) {
            header(out, ISSUE, c);
            out.writeLong(i.idHi);
            out.writeLong(i.idLo);
            out.writeString(i.toAccount);
            out.writeLong(i.amount);
            out.writeString(i.reference);
            out.writeString(i.issuedBy());
        } else if (c instanceof CreatePaymentRequest p) {
            header(out, CREATE_PAYMENT_REQUEST, c);
            out.writeString(p.id);
            out.writeString(p.actorMemberId);
            out.writeString(p.creditAccount);
            out.writeLong(p.amount);
            out.writeString(p.memo);
            out.writeInt(p.expiresInS);
            out.writeString(p.terminalId());
        } else {
            encodeAdmin(c, out);
        }
    }

    private static void encodeAdmin(Command c, ByteWriter out) {
        if (c instanceof CreateMember m) {
            header(out, CREATE_MEMBER, c);
            out.writeString(m.id);
            out.writeString(m.name);
            out.writeByte(m.kind == null ? NONE : m.kind.wire);
        } else if (c instanceof CreateAccount a) {
            header(out, CREATE_ACCOUNT_BY, c);
            out.writeString(a.id);
            out.writeString(a.memberId);
            out.writeString(a.currency);
            out.writeOptionalLong(a.floor);
            out.writeOptionalLong(a.ceiling);
            out.writeString(a.createdBy());
        } else if (c instanceof ChangeAccount a) {
            header(out, CHANGE_ACCOUNT_BY, c);
            out.writeString(a.id);
            out.writeOptionalLong(a.floor);
            out.writeOptionalLong(a.ceiling);
            out.writeByte(a.status == null ? NONE : a.status.wire);
            out.writeString(a.changedBy());
        } else if (c instanceof SetConversionCaps s) {
            header(out, SET_CONVERSION_CAPS, c);
            out.writeString(s.memberId);
            if (s.caps.size() > MAX_CAPS) throw new IllegalArgumentException("more than " + MAX_CAPS + " caps");
            out.writeInt(s.caps.size());
            for (CapOverride o : s.caps) {
                out.writeString(o.from());
                out.writeString(o.to());
                out.writeLong(o.cap().amount());
                out.writeInt(o.cap().windowDays());
            }
        } else if (c instanceof RenameMember r) {
            header(out, RENAME_MEMBER, c);
            out.writeString(r.id);
            out.writeString(r.name);
        } else if (c instanceof Tick) {
            header(out, TICK, c);
        } else {
            encodeCredentials(c, out);
        }
    }

    private static void encodeCredentials(Command c, ByteWriter out) {
        if (c instanceof RegisterToken t) {
            header(out, REGISTER_TOKEN_WITH_EXPIRY, c);
            writeGrant(out, t.hash, t.role, t.memberId, t.terminalId, t.refundLimit, t.refundLimitPerDay, t.expiresInS);
        } else if (c instanceof RevokeToken t) {
            header(out, REVOKE_TOKEN, c);
            out.writeLong(t.number);
        } else if (c instanceof RecordTokenUse u) {
            header(out, RECORD_TOKEN_USE, c);
            out.writeInt(u.numbers.length);
            for (int i = 0; i < u.numbers.length; i++) {
                out.writeLong(u.numbers[i]);
                out.writeLong(u.usedAtMs[i]);
            }
        } else if (c instanceof CreateEnrollment e) {
            header(out, CREATE_ENROLLMENT, c);
            writeGrant(out, e.hash, e.role, e.memberId, e.terminalId, e.refundLimit, e.refundLimitPerDay, e.expiresInS);
        } else if (c instanceof Enroll e) {
            header(out, ENROLL, c);
            out.writeBytes(e.codeHash);
            out.writeString(e.keyId);
            out.writeBytes(e.publicKey);
            out.writeBytes(e.tokenHash);
            out.writeString(e.deviceName);
        } else if (c instanceof RegisterSigningKey k) {
            header(out, REGISTER_SIGNING_KEY, c);
            out.writeString(k.memberId);
            out.writeString(k.keyId);
            out.writeBytes(k.publicKey);
            out.writeString(k.terminalId);
        } else if (c instanceof RevokeSigningKey k) {
            header(out, REVOKE_SIGNING_KEY, c);
            out.writeString(k.memberId);
            out.writeString(k.keyId);
        } else {
            throw new IllegalArgumentException("no journal encoding for " + c.getClass().getName());
        }
    }

    /** What a token and an enrollment code both hold, in one order: the hash, then who and what, then how long. */
    private static void writeGrant(ByteWriter out, byte[] hash, TokenRole role, String memberId, String terminalId,
                                   long refundLimit, long refundLimitPerDay, long expiresInS) {
        out.writeBytes(hash);
        out.writeByte(role == null ? NONE : role.wire);
        out.writeString(memberId);
        out.writeString(terminalId);
        out.writeLong(refundLimit);
        out.writeLong(refundLimitPerDay);
        out.writeLong(expiresInS);
    }

    private static void header(ByteWriter out, int tag, Command c) {
        out.writeByte(tag);
        out.writeLong(c.timestampMs());
    }

    static Command decode(ByteReader in) {
        int tag = in.readByte();
        long timestampMs = in.readLong();
        Command c = switch (tag) {
            case SUBMIT_TRANSFERS -> decodeTransfers(in, false);
            case SUBMIT_TRANSFERS_WITH_REFUNDS -> decodeTransfers(in, true);
            case SUBMIT_TRANSFERS_WITH_DAILY_REFUND_LIMIT -> {
                SubmitTransfers s = decodeTransfers(in, true);
                s.limitDailyRefunds(in.readLong());
                yield s;
            }
            case RESOLVE_PENDING -> decodeResolve(in, false);
            case RESOLVE_PENDING_BY_TERMINAL -> decodeResolve(in, true);
            case CONVERT -> new Convert(in.readLong(), in.readLong(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readLong(), in.readString());
            case ISSUE -> {
                Issue i = new Issue(in.readLong(), in.readLong(), in.readString(), in.readLong(), in.readString());
                i.issuedBy(in.readString());
                yield i;
            }
            case CREATE_PAYMENT_REQUEST -> {
                CreatePaymentRequest p = new CreatePaymentRequest(in.readString(), in.readString(), in.readString(),
                        in.readLong(), in.readString(), in.readInt());
                p.byTerminal(in.readString());
                yield p;
            }
            case CREATE_MEMBER -> new CreateMember(in.readString(), in.readString(), memberKind(in.readByte()));
            case CREATE_ACCOUNT, CREATE_ACCOUNT_BY -> {
                CreateAccount a = new CreateAccount(in.readString(), in.readString(), in.readString(),
                        in.readOptionalLong(), in.readOptionalLong());
                if (tag == CREATE_ACCOUNT_BY) a.createdBy(in.readString());
                yield a;
            }
            case CHANGE_ACCOUNT, CHANGE_ACCOUNT_BY -> {
                ChangeAccount a = new ChangeAccount(in.readString(), in.readOptionalLong(), in.readOptionalLong(),
                        accountStatus(in.readByte()));
                if (tag == CHANGE_ACCOUNT_BY) a.changedBy(in.readString());
                yield a;
            }
            case SET_CONVERSION_CAPS -> decodeCaps(in);
            case TICK -> new Tick();
            case RENAME_MEMBER -> new RenameMember(in.readString(), in.readString());
            case REGISTER_TOKEN -> new RegisterToken(in.readBytes(), tokenRole(in.readByte()),
                    in.readString(), in.readString(), in.readLong());
            case REGISTER_TOKEN_WITH_EXPIRY -> new RegisterToken(in.readBytes(), tokenRole(in.readByte()),
                    in.readString(), in.readString(), in.readLong(), in.readLong(), in.readLong());
            case REVOKE_TOKEN -> new RevokeToken(in.readLong());
            case RECORD_TOKEN_USE -> decodeTokenUse(in);
            case CREATE_ENROLLMENT -> new CreateEnrollment(in.readBytes(), tokenRole(in.readByte()), in.readString(),
                    in.readString(), in.readLong(), in.readLong(), in.readLong());
            case ENROLL -> new Enroll(in.readBytes(), in.readString(), in.readBytes(), in.readBytes(), in.readString());
            case REGISTER_SIGNING_KEY -> new RegisterSigningKey(in.readString(), in.readString(), in.readBytes(),
                    in.readString());
            case REVOKE_SIGNING_KEY -> new RevokeSigningKey(in.readString(), in.readString());
            case SIGNED -> decodeSigned(in);
            default -> throw new CorruptRecordException("unknown command tag " + tag);
        };
        c.setTimestampMs(timestampMs);
        return c;
    }

    private static Command decodeSigned(ByteReader in) {
        String keyId = in.readString();
        if (!(decode(in) instanceof SignedCommand c)) throw new CorruptRecordException("a signed command that is not");
        c.signedWith(keyId);
        return c;
    }

    /** {@code withRefunds}: the tag that carries each transfer's refund_of and the sending terminal. */
    private static SubmitTransfers decodeTransfers(ByteReader in, boolean withRefunds) {
        String actor = in.readString();
        boolean atomic = in.readByte() == 1;
        int n = in.readInt();
        if (n < 1 || n > SubmitTransfers.MAX_TRANSFERS) throw new CorruptRecordException("bad transfer count " + n);
        TransferRequest[] ts = new TransferRequest[n];
        for (int i = 0; i < n; i++) {
            long hi = in.readLong();
            long lo = in.readLong();
            String debit = in.readString();
            String credit = in.readString();
            long amount = in.readLong();
            String currency = in.readString();
            String memo = in.readString();
            String request = in.readString();
            int timeoutS = in.readInt();
            UUID refundOf = withRefunds && in.readByte() == 1 ? new UUID(in.readLong(), in.readLong()) : null;
            ts[i] = new TransferRequest(hi, lo, debit, credit, amount, currency, memo, request, timeoutS, refundOf);
        }
        SubmitTransfers s = new SubmitTransfers(actor, atomic, ts);
        if (withRefunds) s.byTerminal(in.readString());
        return s;
    }

    private static ResolvePending decodeResolve(ByteReader in, boolean byTerminal) {
        String actor = in.readString();
        long hi = in.readLong();
        long lo = in.readLong();
        boolean post = in.readByte() == 1;
        long amount = in.readLong();
        ResolvePending r = post ? ResolvePending.post(actor, hi, lo, amount) : ResolvePending.voiding(actor, hi, lo);
        if (byTerminal) r.byTerminal(in.readString());
        return r;
    }

    private static RecordTokenUse decodeTokenUse(ByteReader in) {
        int n = in.readInt();
        if (n < 0 || n > RecordTokenUse.MAX_TOKENS) throw new CorruptRecordException("bad token count " + n);
        long[] numbers = new long[n];
        long[] usedAtMs = new long[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = in.readLong();
            usedAtMs[i] = in.readLong();
        }
        return new RecordTokenUse(numbers, usedAtMs);
    }

    private static SetConversionCaps decodeCaps(ByteReader in) {
        String member = in.readString();
        int n = in.readInt();
        if (n < 0 || n > MAX_CAPS) throw new CorruptRecordException("bad cap count " + n);
        List<CapOverride> caps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            caps.add(new CapOverride(in.readString(), in.readString(),
                    new ConversionPolicy.Cap(in.readLong(), in.readInt())));
        }
        return new SetConversionCaps(member, caps);
    }

    private static MemberKind memberKind(int wire) {
        return wire == NONE ? null : MemberKind.ofWire(wire, "a journaled member's kind");
    }

    private static AccountStatus accountStatus(int wire) {
        return wire == NONE ? null : AccountStatus.ofWire(wire, "a journaled account change's status");
    }

    private static TokenRole tokenRole(int wire) {
        return wire == NONE ? null : TokenRole.ofWire(wire, "a journaled token's role");
    }
}
