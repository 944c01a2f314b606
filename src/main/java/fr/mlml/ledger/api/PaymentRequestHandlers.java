package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountIds;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.CreatePaymentRequest;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.PaymentRequestView;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.web.QrSvg;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

/**
 * Payment requests: a terminal or member asks to be paid into one of its accounts; the payer's transfer names the
 * request. The creator is the member the request pays (its terminals and member tokens alike). Ids are the creator's
 * own: {@code /v1/payment-requests/{id}} names one of the caller's member, {@code {member}~{id}} anyone's (what a
 * payer or the back office uses); a request the caller may not read answers 404, as one that does not exist.
 */
final class PaymentRequestHandlers {
    /** Between the member and its own id in a request's full name; no id may hold it. */
    static final char SCOPE = '~';

    private final LedgerAccess ledger;
    /** {@code LEDGER_PUBLIC_URL}, or the service's own address: what links and QR codes print. */
    private final Supplier<String> publicUrl;

    PaymentRequestHandlers(LedgerAccess ledger, Supplier<String> publicUrl) {
        this.ledger = ledger;
        this.publicUrl = publicUrl;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/payment-requests", EnumSet.of(TokenRole.TERMINAL, TokenRole.MEMBER), this::create);
        // Auditors too: DESIGN.md §4 has them read everything, which §6's list for this route leaves out.
        routes.add(GET, "/v1/payment-requests/:id", EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR, TokenRole.TERMINAL,
                TokenRole.MEMBER), this::get);
        // Any member may be the payer: what it confirms before paying, and nothing it could not see on the till.
        routes.add(GET, "/v1/payment-requests/:id/payable", EnumSet.of(TokenRole.MEMBER), this::payable);
        // The till shows it to the payer; the back office may print one. Never a stranger: it is the request's link.
        routes.add(GET, "/v1/payment-requests/:id/qr.svg", EnumSet.of(TokenRole.ADMIN, TokenRole.TERMINAL,
                TokenRole.MEMBER), this::qr);
    }

    /** The request's {@code pay_url} as a QR code, for its creator (a till shows it) and the back office. */
    private Future<Reply> qr(Call call) {
        Caller caller = call.caller();
        return read(call, (l, p) -> caller.readsEverything() || isCreator(p, caller)
                ? new Reply(200, "image/svg+xml", QrSvg.of(payUrl(p.memberId(), p.id()))) : null);
    }

    private Future<Reply> create(Call call) {
        JsonInput in = JsonInput.of(call.body(), "id", "credit_account", "amount", "memo", "expires_in_s");
        String id = in.id("id");
        CreatePaymentRequest c = new CreatePaymentRequest(id, call.caller().memberId(), in.id("credit_account"),
                in.integer("amount", 1, Long.MAX_VALUE), in.optionalText("memo", JsonInput.MAX_MEMO),
                (int) in.integer("expires_in_s", 1, CreatePaymentRequest.MAX_EXPIRES_IN_S));
        c.byTerminal(call.caller().terminalId());
        return ledger.applyThenRead(c, (cmd, l) -> l.paymentRequest(cmd.actorMemberId, id, cmd.timestampMs()))
                .map(p -> {
                    ResultStatus.requireOk(c.result());
                    return Reply.created(withLink(JsonViews.paymentRequest(p)));
                });
    }

    private Future<Reply> get(Call call) {
        Caller caller = call.caller();
        return read(call, (l, p) -> {
            if (!(caller.readsEverything() || isCreator(p, caller) || isPayer(l, p, caller))) return null;
            return Reply.ok(withLink(JsonViews.paymentRequest(p)));
        });
    }

    /** What a payer sees before confirming: who is paid, how much, into which account, until when. */
    private Future<Reply> payable(Call call) {
        return read(call, (l, p) -> {
            AccountView into = l.account(p.creditAccount());
            JsonObject json = new JsonObject()
                    .put("id", p.memberId() + SCOPE + p.id())
                    .put("payee", new JsonObject().put("member_id", p.memberId()).put("name", l.member(p.memberId())
                            .name()))
                    .put("credit_account", p.creditAccount())
                    .put("currency", into.currency())
                    .put("amount", p.amount());
            if (p.memo() != null) json.put("memo", p.memo());
            return Reply.ok(json.put("status", p.status()).put("expires_at", JsonViews.instant(p.expiresAtMs()))
                    .put("pay_url", payUrl(p.memberId(), p.id())));
        });
    }

    /**
     * The request the path names ({@code {id}} of the caller's member, {@code {member}~{id}} anyone's), shown as
     * {@code view} makes it; 404 when there is none or {@code view} answers null (not the caller's to see).
     */
    private Future<Reply> read(Call call, java.util.function.BiFunction<Ledger, PaymentRequestView, Reply> view) {
        String name = call.param("id");
        int tilde = name.indexOf(SCOPE);
        String member = tilde < 0 ? call.caller().memberId() : name.substring(0, tilde);
        String id = tilde < 0 ? name : name.substring(tilde + 1);
        if (member == null || !AccountIds.isValid(member) || !AccountIds.isValid(id)) {
            throw ApiProblem.notFound("no payment request " + name);
        }
        long nowMs = System.currentTimeMillis();
        return ledger.read(l -> {
            PaymentRequestView p = l.paymentRequest(member, id, nowMs);
            Reply reply = p == null ? null : view.apply(l, p);
            if (reply == null) throw ApiProblem.notFound("no payment request " + name);
            return reply;
        });
    }

    private JsonObject withLink(JsonObject request) {
        return request.put("pay_url", payUrl(request.getString("member_id"), request.getString("id")));
    }

    /** Where a payer opens the request: the wallet, on it. */
    private String payUrl(String member, String id) {
        return publicUrl.get() + "/pay/" + member + SCOPE + id;
    }

    /** A terminal reads only what it created (DESIGN.md §4); the member reads all of its own. */
    private static boolean isCreator(PaymentRequestView p, Caller caller) {
        return caller.isMember(p.memberId())
                && (caller.role() != TokenRole.TERMINAL || caller.terminalId().equals(p.terminalId()));
    }

    private static boolean isPayer(Ledger l, PaymentRequestView p, Caller caller) {
        TransferRecord paid = p.paidByHi() == null ? null : l.transfer(p.paidByHi(), p.paidByLo());
        AccountView from = paid == null ? null : l.account(paid.debitAccount());
        return from != null && caller.isMember(from.memberId());
    }
}
