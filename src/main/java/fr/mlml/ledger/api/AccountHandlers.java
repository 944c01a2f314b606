package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.ChangeAccount;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.TokenRole;
import io.vertx.core.Future;

import java.util.EnumSet;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

/** Accounts: opened and changed by the back office, read by their owner, the back office and auditors. */
final class AccountHandlers {
    static final int MAX_CURRENCY = 16;

    private final LedgerAccess ledger;

    AccountHandlers(LedgerAccess ledger) {
        this.ledger = ledger;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/accounts", Routes.ADMIN, this::create);
        routes.add(GET, "/v1/accounts/:id", EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR, TokenRole.MEMBER), this::get);
        routes.add(PATCH, "/v1/accounts/:id", Routes.ADMIN, this::change);
    }

    private Future<Reply> create(Call call) {
        JsonInput in = JsonInput.of(call.body(), "id", "member_id", "currency", "floor", "ceiling");
        String id = in.id("id");
        CreateAccount c = new CreateAccount(id, in.id("member_id"), in.text("currency", MAX_CURRENCY),
                limit(in, "floor", Limits.NO_FLOOR), limit(in, "ceiling", Limits.NO_CEILING));
        c.createdBy(call.caller().actor());
        return ledger.applyThenRead(c, (cmd, l) -> l.account(id)).map(a -> {
            ResultStatus.requireOk(c.result());
            return Reply.created(JsonViews.account(a));
        });
    }

    private Future<Reply> get(Call call) {
        String id = call.idParam("id");
        return ledger.read(l -> l.account(id)).map(a -> Reply.ok(JsonViews.account(readable(a, id, call.caller()))));
    }

    /**
     * The account if the caller may read it. A member token reads only its own, and another's answers as one that does
     * not exist: which account ids are taken is not for members to learn.
     */
    static AccountView readable(AccountView a, String id, Caller caller) {
        if (a == null || (caller.role() == TokenRole.MEMBER && !caller.isMember(a.memberId()))) {
            throw ApiProblem.notFound("no account " + id);
        }
        return a;
    }

    private Future<Reply> change(Call call) {
        String id = call.idParam("id");
        JsonInput in = JsonInput.of(call.body(), "floor", "ceiling", "status");
        AccountStatus status = in.has("status") ? in.code("status", AccountStatus::ofCode) : null;
        ChangeAccount c = new ChangeAccount(id, limit(in, "floor", Limits.NO_FLOOR),
                limit(in, "ceiling", Limits.NO_CEILING), status);
        c.changedBy(call.caller().actor());
        return ledger.applyThenRead(c, (cmd, l) -> l.account(id)).map(a -> {
            ResultStatus.requireOk(c.result());
            return Reply.ok(JsonViews.account(a));
        });
    }

    /** Absent: unchanged (or the policy default); null: none; else an amount in minor units. */
    private static Long limit(JsonInput in, String field, long none) {
        if (!in.has(field)) return null;
        if (in.json().getValue(field) == null) return none;
        return in.integer(field, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1);
    }
}
