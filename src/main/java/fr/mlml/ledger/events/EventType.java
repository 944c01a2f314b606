package fr.mlml.ledger.events;

import fr.mlml.ledger.core.WireNumbers;

import java.util.Arrays;

/** What an event tells (DESIGN.md §9), by the name clients filter on and the number it is stored as. */
public enum EventType {
    TRANSFER_CREATED(0, "transfer.created"),
    TRANSFER_POSTED(1, "transfer.posted"),
    TRANSFER_VOIDED(2, "transfer.voided"),
    TRANSFER_EXPIRED(3, "transfer.expired"),
    PAYMENT_REQUEST_CREATED(4, "payment_request.created"),
    PAYMENT_REQUEST_PAID(5, "payment_request.paid"),
    PAYMENT_REQUEST_EXPIRED(6, "payment_request.expired"),
    CONVERSION_CREATED(7, "conversion.created"),
    ISSUANCE_CREATED(8, "issuance.created"),
    MEMBER_CREATED(9, "member.created"),
    MEMBER_CHANGED(10, "member.changed"),
    ACCOUNT_CREATED(11, "account.created"),
    ACCOUNT_CHANGED(12, "account.changed"),
    SIGNING_KEY_REGISTERED(13, "signing_key.registered"),
    SIGNING_KEY_REVOKED(14, "signing_key.revoked"),
    TOKEN_REVOKED(15, "token.revoked");

    private static final EventType[] BY_WIRE = WireNumbers.table(values(), t -> t.wire);

    /** Its number in stored events: never changes, never reused. */
    public final int wire;
    public final String code;

    EventType(int wire, String code) {
        this.wire = wire;
        this.code = code;
    }

    public static EventType ofWire(int wire, String where) {
        return WireNumbers.lookup(BY_WIRE, wire, where);
    }

    /** The type named {@code code}, or null. */
    public static EventType ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst().orElse(null);
    }
}
