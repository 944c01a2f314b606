package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.CapOverride;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.ConversionPolicy;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.MemberView;
import fr.mlml.ledger.core.RenameMember;
import fr.mlml.ledger.core.SetConversionCaps;
import fr.mlml.ledger.core.TokenRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

/** Members (back office) and the directory of businesses that take the currencies. */
final class MemberHandlers {
    private static final int MAX_NAME = 200;
    private static final int MAX_CAPS = 16;
    private static final Set<String> CAP_FIELDS = Set.of("from", "to", "amount", "window_days");

    private final LedgerAccess ledger;

    MemberHandlers(LedgerAccess ledger) {
        this.ledger = ledger;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/members", Routes.ADMIN, this::create);
        routes.add(GET, "/v1/members/:id", EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR, TokenRole.MEMBER), this::get);
        routes.add(PATCH, "/v1/members/:id", Routes.ADMIN, this::change);
        routes.add(GET, "/v1/directory", Routes.ANY, this::directory);
    }

    private Future<Reply> create(Call call) {
        JsonInput in = JsonInput.of(call.body(), "id", "name", "kind");
        String id = in.id("id");
        CreateMember c = new CreateMember(id, in.text("name", MAX_NAME), in.code("kind", MemberKind::ofCode));
        return ledger.applyThenRead(c, (cmd, l) -> member(l, id)).map(json -> {
            ResultStatus.requireOk(c.result());
            return Reply.created(json);
        });
    }

    private Future<Reply> get(Call call) {
        String id = call.idParam("id");
        if (call.caller().role() == TokenRole.MEMBER && !call.caller().isMember(id)) {
            throw ApiProblem.forbidden("a member token reads only its own member");
        }
        return ledger.read(l -> member(l, id)).map(json -> {
            if (json == null) throw ApiProblem.notFound("no member " + id);
            return Reply.ok(json);
        });
    }

    /**
     * Caps first: they are what may be refused (a pair the config does not know), and a refused request must
     * change nothing; a rename can only fail for an unknown member, which the caps would have failed for too.
     */
    private Future<Reply> change(Call call) {
        String id = call.idParam("id");
        JsonInput in = JsonInput.of(call.body(), "name", "conversion_caps");
        String name = in.optionalText("name", MAX_NAME);
        List<CapOverride> caps = in.has("conversion_caps") ? caps(in) : null;
        Future<Void> changed = Future.succeededFuture();
        if (caps != null) changed = changed.compose(v -> apply(new SetConversionCaps(id, caps)));
        if (name != null) changed = changed.compose(v -> apply(new RenameMember(id, name)));
        return changed.compose(v -> ledger.read(l -> member(l, id))).map(json -> {
            if (json == null) throw ApiProblem.notFound("no member " + id);
            return Reply.ok(json);
        });
    }

    private Future<Void> apply(Command c) {
        return ledger.submit(c).map(done -> {
            ResultStatus.requireOk(done.result());
            return null;
        });
    }

    private static List<CapOverride> caps(JsonInput in) {
        JsonArray array = in.array("conversion_caps", 0, MAX_CAPS);
        List<CapOverride> caps = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonInput cap = in.element("conversion_caps", array, i, CAP_FIELDS);
            caps.add(new CapOverride(cap.text("from", 16), cap.text("to", 16), new ConversionPolicy.Cap(
                    cap.integer("amount", 0, Long.MAX_VALUE),
                    (int) cap.integer("window_days", 1, ConversionPolicy.Cap.MAX_WINDOW_DAYS))));
        }
        return caps;
    }

    /** Businesses with their active accounts' currencies: where members can spend. */
    private Future<Reply> directory(Call call) {
        return ledger.read(l -> {
            JsonArray items = new JsonArray();
            for (MemberView m : l.members()) {
                if (m.kind() != MemberKind.BUSINESS) continue;
                TreeSet<String> currencies = new TreeSet<>();
                // Where to pay it (a wallet paying from the directory, a till choosing its account): ids, no balance.
                JsonArray accounts = new JsonArray();
                for (String a : m.accountIds()) {
                    AccountView account = l.account(a);
                    if (account.status() != AccountStatus.ACTIVE) continue;
                    currencies.add(account.currency());
                    accounts.add(new JsonObject().put("id", account.id()).put("currency", account.currency()));
                }
                items.add(new JsonObject().put("id", m.id()).put("name", m.name())
                        .put("currencies", new JsonArray(new ArrayList<>(currencies))).put("accounts", accounts));
            }
            return Reply.ok(new JsonObject().put("items", items));
        });
    }

    /** The member with its accounts, or null. */
    static JsonObject member(Ledger l, String id) {
        MemberView m = l.member(id);
        if (m == null) return null;
        List<AccountView> accounts = new ArrayList<>();
        for (String a : m.accountIds()) accounts.add(l.account(a));
        return JsonViews.member(m, accounts);
    }
}
