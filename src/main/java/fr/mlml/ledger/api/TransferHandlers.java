package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.PaymentRequestView;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

/**
 * Transfers: signed batches sent by members (and refunds by terminals), holds posted or voided by their parties, and
 * reading one transfer. Only the syntax is checked here; every money rule is the core's.
 */
final class TransferHandlers {
    private static final Set<TokenRole> SENDERS = EnumSet.of(TokenRole.MEMBER, TokenRole.TERMINAL);
    private static final Set<String> TRANSFER_FIELDS = Set.of("id", "debit_account", "credit_account", "amount",
            "currency", "memo", "payment_request", "pending_timeout_s", "refund_of");

    private final LedgerAccess ledger;
    private final SignedRequests signatures;
    private final ApiMetrics metrics;
    private final RejectionQuota rejections;

    TransferHandlers(LedgerAccess ledger, SignedRequests signatures, ApiMetrics metrics, RejectionQuota rejections) {
        this.ledger = ledger;
        this.signatures = signatures;
        this.metrics = metrics;
        this.rejections = rejections;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/transfers", SENDERS, this::submit);
        routes.add(GET, "/v1/transfers/:id", Routes.ANY, this::get);
        routes.add(POST, "/v1/transfers/:id/post", SENDERS, call -> resolve(call, true));
        routes.add(POST, "/v1/transfers/:id/void", SENDERS, call -> resolve(call, false));
    }

    private Future<Reply> submit(Call call) {
        rejections.admit(call.caller().memberId());
        JsonInput in = JsonInput.of(call.body(), "transfers", "atomic", "key_id", "signature");
        JsonArray array = in.array("transfers", 1, SubmitTransfers.MAX_TRANSFERS);
        TransferRequest[] ts = new TransferRequest[array.size()];
        for (int i = 0; i < ts.length; i++) ts[i] = transfer(in.element("transfers", array, i, TRANSFER_FIELDS));
        if (call.caller().role() == TokenRole.TERMINAL) requireWithinRefundLimit(ts, call.caller());
        SubmitTransfers c = new SubmitTransfers(call.caller().memberId(), in.optionalBoolean("atomic", false), ts);
        c.signedWith(signatures.verify("transfers", in, call.caller()));
        c.byTerminal(call.caller().terminalId());
        c.limitDailyRefunds(call.caller().refundLimitPerDay());
        return ledger.submit(c).map(done -> {
            ResultStatus.requireKeyAccepted(done.result());
            ResultCode[] results = new ResultCode[done.transfers.length];
            for (int i = 0; i < results.length; i++) results[i] = done.transfers[i].result();
            rejections.charge(call.caller().memberId(), results);
            for (ResultCode r : results) metrics.transfer(r);
            return new Reply(200, "application/json", JsonViews.transfersAnswer(done.transfers, done.terminalId()));
        });
    }

    private static TransferRequest transfer(JsonInput t) {
        UUID id = t.uuid("id");
        return new TransferRequest(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                t.id("debit_account"), t.id("credit_account"), t.integer("amount", 1, Long.MAX_VALUE),
                t.text("currency", AccountHandlers.MAX_CURRENCY), t.optionalText("memo", JsonInput.MAX_MEMO),
                t.optionalId("payment_request"),
                (int) t.integerOr("pending_timeout_s", 0, TransferRequest.MAX_PENDING_TIMEOUT_S, 0),
                t.optionalUuid("refund_of"));
    }

    /**
     * A terminal's {@code refund_limit} bounds one request's refunds in total, not each: a thousand refunds at the
     * limit are refused whole. (That each one is a refund of a payment to its business is the core's rule.)
     */
    private static void requireWithinRefundLimit(TransferRequest[] ts, Caller caller) {
        long total = 0;
        for (TransferRequest t : ts) {
            total += t.amount;
            if (total < 0 || total > caller.refundLimit()) {
                throw new ApiProblem(403, "refund_limit_exceeded", "this terminal refunds at most "
                        + caller.refundLimit() + " a request", "transfers", 0);
            }
        }
    }

    private Future<Reply> get(Call call) {
        UUID id = call.uuidParam("id");
        Caller caller = call.caller();
        return ledger.read(l -> {
            TransferRecord r = l.transfer(id.getMostSignificantBits(), id.getLeastSignificantBits());
            // What the caller may not read answers as if it did not exist: ids of others are not confirmed.
            boolean readable = r != null && (caller.readsEverything() || isParty(l, r, caller))
                    && (caller.role() != TokenRole.TERMINAL || terminalsOwn(l, r, caller));
            if (!readable) throw ApiProblem.notFound("no transfer " + id);
            return Reply.ok(JsonViews.transfer(r));
        });
    }

    /**
     * What a terminal may read of its business's transfers (DESIGN.md §4: only what it deals with): holds made to
     * the business, which it captures or voids, the payments of the payment requests it made itself, and its own
     * refunds.
     */
    private static boolean terminalsOwn(Ledger l, TransferRecord r, Caller caller) {
        if (caller.terminalId().equals(r.terminalId()) && ownedBy(l, r.debitAccount(), caller)) return true;
        if (!ownedBy(l, r.creditAccount(), caller)) return false;
        if (r.pendingTimeoutS() > 0) return true;
        PaymentRequestView p = r.paymentRequest() == null ? null
                : l.paymentRequest(caller.memberId(), r.paymentRequest(), 0);
        return p != null && caller.terminalId().equals(p.terminalId());
    }

    private static boolean isParty(Ledger l, TransferRecord r, Caller caller) {
        return ownedBy(l, r.debitAccount(), caller) || ownedBy(l, r.creditAccount(), caller);
    }

    private static boolean ownedBy(Ledger l, String account, Caller caller) {
        AccountView a = account == null ? null : l.account(account);
        return a != null && caller.isMember(a.memberId());
    }

    /** The core checks that the caller's member is the payee (post) or a party (void). */
    private Future<Reply> resolve(Call call, boolean post) {
        UUID id = call.uuidParam("id");
        JsonInput in = post ? JsonInput.of(call.body(), "id", "amount", "key_id", "signature")
                : JsonInput.of(call.body(), "id", "key_id", "signature");
        if (!id.equals(in.uuid("id"))) throw ApiProblem.invalid("id", "must repeat the transfer id of the path");
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        String member = call.caller().memberId();
        ResolvePending c = post
                ? ResolvePending.post(member, hi, lo, in.integerOr("amount", 1, Long.MAX_VALUE, 0))
                : ResolvePending.voiding(member, hi, lo);
        c.signedWith(signatures.verify(post ? "post" : "void", in, call.caller()));
        c.byTerminal(call.caller().terminalId());
        return ledger.applyThenRead(c, (cmd, l) -> l.transfer(hi, lo)).map(r -> {
            ResultStatus.requireOk(c.result());
            return Reply.ok(JsonViews.transfer(r));
        });
    }
}
