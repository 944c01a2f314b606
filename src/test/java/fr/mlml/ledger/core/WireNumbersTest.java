package fr.mlml.ledger.core;

import fr.mlml.ledger.events.EventType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every constant of an enum that reaches storage (journal, snapshot, archive, PostgreSQL column) pinned to its number
 * and its stored name. A new constant gets the next free number, wherever it sits in the enum, and is added here;
 * a number or a name here never changes: records already written mean them.
 */
class WireNumbersTest {
    @Test
    void memberKinds() {
        assertPinned(MemberKind.values(), k -> k.wire, k -> k.code, List.of(
                "BUSINESS 0 business", "CITIZEN 1 citizen", "ASSOCIATION 2 association", "PUBLIC_BODY 3 public_body"));
    }

    @Test
    void accountStatuses() {
        assertPinned(AccountStatus.values(), s -> s.wire, s -> s.code, List.of(
                "ACTIVE 0 active", "FROZEN 1 frozen", "CLOSED 2 closed"));
    }

    @Test
    void transferKinds() {
        assertPinned(TransferKind.values(), k -> k.wire, k -> k.code, List.of(
                "TRANSFER 0 transfer", "LEG 1 leg", "CONVERSION 2 conversion", "RECONVERSION 3 reconversion",
                "ISSUANCE 4 issuance"));
    }

    @Test
    void transferStatuses() {
        assertPinned(TransferStatus.values(), s -> s.wire, s -> s.code, List.of(
                "POSTED 0 posted", "PENDING 1 pending", "VOIDED 2 voided", "EXPIRED 3 expired", "REJECTED 4 rejected"));
    }

    @Test
    void tokenRoles() {
        assertPinned(TokenRole.values(), r -> r.wire, r -> r.code, List.of(
                "ADMIN 0 admin", "AUDITOR 1 auditor", "MEMBER 2 member", "TERMINAL 3 terminal"));
    }

    @Test
    void resultCodes() {
        assertPinned(ResultCode.values(), c -> c.wire, c -> c.code, List.of(
                "OK 0 ok", "EXISTS 1 exists", "EXISTS_WITH_DIFFERENT_FIELDS 2 exists_with_different_fields",
                "UNKNOWN_ACCOUNT 3 unknown_account", "UNKNOWN_MEMBER 4 unknown_member",
                "UNKNOWN_CURRENCY 5 unknown_currency", "CURRENCY_MISMATCH 6 currency_mismatch",
                "SAME_ACCOUNT 7 same_account", "INVALID_AMOUNT 8 invalid_amount", "INVALID_LIMITS 9 invalid_limits",
                "INVALID_ID 10 invalid_id", "INVALID_TIMEOUT 11 invalid_timeout", "EXCEEDS_FLOOR 12 exceeds_floor",
                "EXCEEDS_CEILING 13 exceeds_ceiling", "ACCOUNT_FROZEN 14 account_frozen",
                "ACCOUNT_CLOSED 15 account_closed", "ACCOUNT_NOT_EMPTY 16 account_not_empty",
                "NOT_PERMITTED 17 not_permitted", "LINKED_FAILED 18 linked_failed",
                "PAYMENT_REQUEST_MISMATCH 19 payment_request_mismatch", "PENDING_NOT_FOUND 20 pending_not_found",
                "PENDING_ALREADY_RESOLVED 21 pending_already_resolved", "PENDING_EXPIRED 22 pending_expired",
                "CONVERSION_NOT_ALLOWED 23 conversion_not_allowed", "CONVERSION_CAP_EXCEEDED 24 conversion_cap_exceeded",
                "CONVERSION_POOL_INSUFFICIENT 25 conversion_pool_insufficient", "OVERFLOW 26 overflow",
                "UNKNOWN_SIGNING_KEY 27 unknown_signing_key", "SIGNING_KEY_REVOKED 28 signing_key_revoked",
                "REFUND_MISMATCH 29 refund_mismatch", "REFUND_EXCEEDS_PAYMENT 30 refund_exceeds_payment",
                "CEILING_PROBE_LIMITED 31 ceiling_probe_limited", "UNKNOWN_TOKEN 32 unknown_token",
                "ENROLLMENT_INVALID 33 enrollment_invalid", "REFUND_LIMIT_PER_DAY_EXCEEDED 34 refund_limit_per_day_exceeded"));
    }

    @Test
    void eventTypes() {
        assertPinned(EventType.values(), t -> t.wire, t -> t.code, List.of(
                "TRANSFER_CREATED 0 transfer.created", "TRANSFER_POSTED 1 transfer.posted",
                "TRANSFER_VOIDED 2 transfer.voided", "TRANSFER_EXPIRED 3 transfer.expired",
                "PAYMENT_REQUEST_CREATED 4 payment_request.created", "PAYMENT_REQUEST_PAID 5 payment_request.paid",
                "PAYMENT_REQUEST_EXPIRED 6 payment_request.expired", "CONVERSION_CREATED 7 conversion.created",
                "ISSUANCE_CREATED 8 issuance.created", "MEMBER_CREATED 9 member.created",
                "MEMBER_CHANGED 10 member.changed", "ACCOUNT_CREATED 11 account.created",
                "ACCOUNT_CHANGED 12 account.changed", "SIGNING_KEY_REGISTERED 13 signing_key.registered",
                "SIGNING_KEY_REVOKED 14 signing_key.revoked", "TOKEN_REVOKED 15 token.revoked"));
        assertThrows(CorruptRecordException.class, () -> EventType.ofWire(16, "an event"));
    }

    @Test
    void anUnknownNumberOrNameIsRefusedAsCorruptNamingWhere() {
        CorruptRecordException e = assertThrows(CorruptRecordException.class,
                () -> TransferStatus.ofWire(99, "an entry"));
        assertTrue(e.getMessage().startsWith("an entry: unknown TransferStatus number 99"), e.getMessage());
        assertThrows(CorruptRecordException.class, () -> ResultCode.ofWire(-2, "an archived transfer record"));
        assertThrows(CorruptRecordException.class, () -> TransferKind.ofCode("refund", "an entries row"));
        assertThrows(CorruptRecordException.class, () -> TransferStatus.ofCode("lost", "an entries row"));
        assertSame(TransferKind.ISSUANCE, TransferKind.ofCode("issuance", "an entries row"));
    }

    @Test
    void aSharedNumberFailsTheEnumsLoading() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WireNumbers.table(TransferStatus.values(), s -> s == TransferStatus.REJECTED ? 0 : s.wire));
        assertTrue(e.getMessage().contains("share wire number 0"), e.getMessage());
    }

    /** Each constant as "NAME number name", in declaration order, and every number read back to its constant. */
    private static <E extends Enum<E>> void assertPinned(E[] values, Function<E, Integer> wire, Function<E, String> code,
                                                         List<String> pinned) {
        assertEquals(pinned, Arrays.stream(values).map(e -> e.name() + " " + wire.apply(e) + " " + code.apply(e))
                .toList(), "a stored enum changed: give a new constant the next free number and pin it here; "
                + "never change a number or a name that records already hold");
        E[] table = WireNumbers.table(values, wire::apply);
        for (E e : values) assertSame(e, table[wire.apply(e)]);
    }
}
