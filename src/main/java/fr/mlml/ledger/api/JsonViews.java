package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.CapOverride;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.GroupOutcome;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.MemberView;
import fr.mlml.ledger.core.PaymentRequestView;
import fr.mlml.ledger.core.Reconciliation;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.TransferKind;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRequest;
import fr.mlml.ledger.core.TransferStatus;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.crypto.Ed25519;
import fr.mlml.ledger.crypto.Jcs;
import fr.mlml.ledger.events.EventViews;
import fr.mlml.ledger.journal.AccountChange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of DESIGN.md §6. Amounts are integer minor units; instants are RFC 3339 UTC strings. */
final class JsonViews {
    private JsonViews() {
    }

    static String instant(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    static JsonObject account(AccountView a) {
        return new JsonObject()
                .put("id", a.id())
                .put("member_id", a.memberId())
                .put("currency", a.currency())
                .put("balance", a.balance())
                .put("debits_posted", a.debitsPosted())
                .put("credits_posted", a.creditsPosted())
                .put("debits_pending", a.debitsPending())
                .put("credits_pending", a.creditsPending())
                .put("floor", a.floor() == Limits.NO_FLOOR ? null : a.floor())
                .put("ceiling", a.ceiling() == Limits.NO_CEILING ? null : a.ceiling())
                .put("status", a.status().code)
                .put("negative_since", a.negativeSinceMs() == null ? null : instant(a.negativeSinceMs()));
    }

    /** A limit or status change: only what it set ({@code floor} or {@code ceiling} null for none). */
    static JsonObject change(AccountChange c) {
        JsonObject json = new JsonObject().put("at", instant(c.atMs())).put("by", c.by());
        if (c.floor() != null) json.put("floor", c.floor() == Limits.NO_FLOOR ? null : c.floor());
        if (c.ceiling() != null) json.put("ceiling", c.ceiling() == Limits.NO_CEILING ? null : c.ceiling());
        if (c.status() != null) json.put("status", c.status().code);
        return json;
    }

    static JsonObject member(MemberView m, List<AccountView> accounts) {
        JsonArray caps = new JsonArray();
        for (CapOverride c : m.caps()) caps.add(cap(c));
        JsonArray accountsJson = new JsonArray();
        for (AccountView a : accounts) accountsJson.add(account(a));
        return new JsonObject()
                .put("id", m.id())
                .put("name", m.name())
                .put("kind", m.kind().code)
                .put("accounts", accountsJson)
                .put("conversion_caps", caps);
    }

    private static JsonObject cap(CapOverride c) {
        return new JsonObject().put("from", c.from()).put("to", c.to()).put("amount", c.cap().amount())
                .put("window_days", c.cap().windowDays());
    }

    /** The outcome of one id of a request: created now, exists already, or rejected with a code. */
    static JsonObject outcome(UUID id, ResultCode rc) {
        JsonObject json = new JsonObject().put("id", id.toString()).put("status", outcomeStatus(rc));
        return rc.succeeded() ? json : json.put("code", rc.code);
    }

    private static String outcomeStatus(ResultCode rc) {
        return rc == ResultCode.OK ? "created" : rc == ResultCode.EXISTS ? "exists" : "rejected";
    }

    /**
     * The answer to a batch of transfers, {@code {"results":[{id, status, code?, transfer?}]}}, written straight as
     * text: up to 1,000 results per request, where building JSON objects first cost more than the ledger's work.
     */
    static String transfersAnswer(TransferRequest[] transfers, String terminalId) {
        StringBuilder out = new StringBuilder(64 + 320 * transfers.length).append("{\"results\":[");
        for (int i = 0; i < transfers.length; i++) {
            TransferRequest t = transfers[i];
            UUID id = new UUID(t.idHi, t.idLo);
            if (i > 0) out.append(',');
            out.append("{\"id\":\"").append(id).append("\",\"status\":\"").append(outcomeStatus(t.result()))
                    .append('"');
            if (t.result().succeeded()) {
                out.append(",\"transfer\":");
                transferText(out, id, t.debitAccount, t.creditAccount, t.amount, t.currency, t.memo, t.paymentRequest,
                        t.pendingTimeoutS, t.refundOf, terminalId, t.status(), t.timestampMs(), t.sequence());
            } else {
                out.append(",\"code\":\"").append(t.result().code).append('"');
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }

    /** A conversion's or issuance's answer: its outcome, fee and transfers. */
    static JsonObject group(UUID id, ResultCode rc, GroupOutcome outcome, List<TransferRecord> legs) {
        JsonArray transfers = new JsonArray();
        for (TransferRecord leg : legs) transfers.add(transfer(leg));
        return outcome(id, rc).put("fee", outcome.fee()).put("transfers", transfers);
    }

    /** A transfer or group (conversion, issuance) as the ledger recorded it. */
    static JsonObject transfer(TransferRecord r) {
        JsonObject json = transfer(new UUID(r.idHi(), r.idLo()), r.debitAccount(), r.creditAccount(), r.amount(),
                r.currency(), r.memo(), r.paymentRequest(), r.pendingTimeoutS(), r.refundOf(), r.terminalId(),
                r.status(), r.timestampMs(), r.sequence());
        if (r.kind() != TransferKind.TRANSFER) json.put("kind", r.kind().name().toLowerCase());
        if (r.kind().isGroup()) json.put("fee", r.fee());
        if (r.pendingTimeoutS() > 0 && r.status() == TransferStatus.POSTED) json.put("posted_amount", r.postedAmount());
        if (r.status() == TransferStatus.REJECTED) json.put("code", r.code().code);
        return json;
    }

    /** A transfer as one change (an {@link Entry}) left it: that change's status and amount, at its time. */
    static JsonObject entry(Entry e) {
        JsonObject json = transfer(new UUID(e.idHi(), e.idLo()), e.debitAccount(), e.creditAccount(), e.amount(),
                e.currency(), e.memo(), e.paymentRequest(), e.pendingTimeoutS(), null, null, e.status(),
                e.timestampMs(), e.transferSequence());
        if (e.kind() != TransferKind.TRANSFER) json.put("kind", e.kind().name().toLowerCase());
        return json;
    }

    private static JsonObject transfer(UUID id, String debit, String credit, long amount, String currency,
                                       String memo, String paymentRequest, int pendingTimeoutS, UUID refundOf,
                                       String terminalId, TransferStatus status, long timestampMs, long sequence) {
        StringBuilder text = new StringBuilder(320);
        transferText(text, id, debit, credit, amount, currency, memo, paymentRequest, pendingTimeoutS, refundOf,
                terminalId, status, timestampMs, sequence);
        return new JsonObject(text.toString());
    }

    /** The one writer of a transfer's JSON shape (DESIGN.md §6). */
    private static void transferText(StringBuilder out, UUID id, String debit, String credit, long amount,
                                     String currency, String memo, String paymentRequest, int pendingTimeoutS,
                                     UUID refundOf, String terminalId, TransferStatus status, long timestampMs,
                                     long sequence) {
        out.append("{\"id\":\"").append(id).append("\",\"debit_account\":");
        Jcs.writeString(debit, out);
        out.append(",\"credit_account\":");
        Jcs.writeString(credit, out);
        out.append(",\"amount\":").append(amount).append(",\"currency\":");
        Jcs.writeString(currency, out);
        if (memo != null) {
            out.append(",\"memo\":");
            Jcs.writeString(memo, out);
        }
        if (paymentRequest != null) {
            out.append(",\"payment_request\":");
            Jcs.writeString(paymentRequest, out);
        }
        if (pendingTimeoutS > 0) out.append(",\"pending_timeout_s\":").append(pendingTimeoutS);
        if (refundOf != null) out.append(",\"refund_of\":\"").append(refundOf).append('"');
        if (terminalId != null) {
            out.append(",\"terminal_id\":");
            Jcs.writeString(terminalId, out);
        }
        out.append(",\"status\":\"").append(status.code).append("\",\"timestamp\":\"").append(instant(timestampMs))
                .append("\",\"sequence\":").append(sequence).append('}');
    }

    static JsonObject paymentRequest(PaymentRequestView p) {
        JsonObject json = new JsonObject()
                .put("id", p.id())
                .put("member_id", p.memberId())
                .put("ref", p.memberId() + PaymentRequestHandlers.SCOPE + p.id())
                .put("credit_account", p.creditAccount())
                .put("amount", p.amount());
        if (p.memo() != null) json.put("memo", p.memo());
        json.put("created_at", instant(p.createdMs()))
                .put("expires_at", instant(p.expiresAtMs()))
                .put("status", p.status());
        if (p.paidByHi() != null) json.put("transfer_id", new UUID(p.paidByHi(), p.paidByLo()).toString());
        return json;
    }

    /** A signing key as its member's list shows it. */
    /** A signing key as its member's list shows it: never more than its public half. */
    static JsonObject signingKey(SigningKeyView k) {
        JsonObject key = new JsonObject().put("member_id", k.memberId()).put("key_id", k.keyId())
                .put("public_key", Ed25519.base64url(k.publicKey()));
        if (k.terminalId() != null) key.put("terminal_id", k.terminalId());
        key.put("status", k.revoked() ? "revoked" : "active").put("registered_at", instant(k.registeredMs()));
        return k.revoked() ? key.put("revoked_at", instant(k.revokedMs())) : key;
    }

    /** A token's public id: {@code tok_} and its number. */
    static String tokenId(long number) {
        return "tok_" + number;
    }

    /**
     * A token as its member's list shows it at {@code nowMs}, {@code lastUsedMs} the freshest use known (null:
     * never): never the token nor its hash.
     */
    static JsonObject token(TokenView t, Long lastUsedMs, long nowMs) {
        JsonObject json = new JsonObject().put("id", tokenId(t.number())).put("role", t.role().code);
        if (t.memberId() != null) json.put("member_id", t.memberId());
        if (t.terminalId() != null) {
            json.put("terminal_id", t.terminalId()).put("refund_limit", t.refundLimit());
            if (t.refundLimitPerDay() > 0) json.put("refund_limit_per_day", t.refundLimitPerDay());
        }
        if (t.deviceName() != null) json.put("device_name", t.deviceName());
        json.put("created_at", instant(t.createdMs()));
        if (t.expiresAtMs() != null) json.put("expires_at", instant(t.expiresAtMs()));
        if (lastUsedMs != null) json.put("last_used_at", instant(lastUsedMs));
        if (t.revokedMs() != null) json.put("revoked_at", instant(t.revokedMs()));
        return json.put("status", t.status(nowMs));
    }

    /** The shapes above as events carry them in {@code data} (DESIGN.md §9). */
    static final EventViews EVENTS = new EventViews() {
        @Override
        public String transfer(TransferRecord transfer) {
            return JsonViews.transfer(transfer).encode();
        }

        @Override
        public String group(long idHi, long idLo, GroupOutcome outcome, List<TransferRecord> legs, String issuedBy) {
            JsonObject json = JsonViews.group(new UUID(idHi, idLo), ResultCode.OK, outcome, legs);
            return (issuedBy == null ? json : json.put("issued_by", issuedBy)).encode();
        }

        @Override
        public String paymentRequest(PaymentRequestView request) {
            return JsonViews.paymentRequest(request).encode();
        }

        @Override
        public String member(MemberView member, List<AccountView> accounts) {
            return JsonViews.member(member, accounts).encode();
        }

        @Override
        public String account(AccountView account) {
            return JsonViews.account(account).encode();
        }

        @Override
        public String signingKey(SigningKeyView key) {
            return JsonViews.signingKey(key).encode();
        }

        @Override
        public String token(TokenView token, long nowMs) {
            return JsonViews.token(token, token.lastUsedMs(), nowMs).encode();
        }
    };

    static JsonObject reconciliation(Reconciliation r) {
        JsonArray currencies = new JsonArray();
        for (Reconciliation.CurrencyTotals c : r.currencies()) {
            currencies.add(new JsonObject()
                    .put("currency", c.currency())
                    .put("scale", c.scale())
                    .put("kind", c.kind().code)
                    .put("sum_of_balances", (Object) c.sumOfBalances())
                    .put("outstanding", c.outstanding())
                    .put("reserve", c.reserve())
                    .put("backing_ratio", c.backingRatio())
                    .put("fees", c.fees())
                    .put("conversion_pool", c.conversionPool()));
        }
        return new JsonObject()
                .put("as_of", instant(r.asOfMs()))
                .put("currencies", currencies)
                .put("accounts_breaching_limits", new JsonArray(r.accountsBreachingLimits()))
                .put("long_negative_accounts", new JsonArray(r.longNegativeAccounts()))
                .put("invariants_ok", r.invariantsOk())
                .put("ceiling_probes_refused", r.ceilingProbesRefused());
    }
}
