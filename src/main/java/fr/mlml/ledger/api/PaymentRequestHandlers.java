package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountIds;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.CreatePaymentRequest;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.PaymentRequestView;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TransferRecord;
import io.vertx.core.Future;

import java.util.EnumSet;

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

    PaymentRequestHandlers(LedgerAccess ledger) {
        this.ledger = ledger;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/payment-requests", EnumSet.of(TokenRole.TERMINAL, TokenRole.MEMBER), this::create);
        // Auditors too: DESIGN.md §4 has them read everything, which §6's list for this route leaves out.
        routes.add(GET, "/v1/payment-requests/:id", EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR, TokenRole.TERMINAL,
                TokenRole.MEMBER), this::get);
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
                    return Reply.created(JsonViews.paymentRequest(p));
                });
    }

    private Future<Reply> get(Call call) {
        String name = call.param("id");
        int tilde = name.indexOf(SCOPE);
        String member = tilde < 0 ? call.caller().memberId() : name.substring(0, tilde);
        String id = tilde < 0 ? name : name.substring(tilde + 1);
        if (member == null || !AccountIds.isValid(member) || !AccountIds.isValid(id)) {
            throw ApiProblem.notFound("no payment request " + name);
        }
        Caller caller = call.caller();
        long nowMs = System.currentTimeMillis();
        return ledger.read(l -> {
            PaymentRequestView p = l.paymentRequest(member, id, nowMs);
            if (p == null || !(caller.readsEverything() || isCreator(p, caller) || isPayer(l, p, caller))) {
                throw ApiProblem.notFound("no payment request " + name);
            }
            return Reply.ok(JsonViews.paymentRequest(p));
        });
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
