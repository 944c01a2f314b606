package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountIds;
import fr.mlml.ledger.core.AccountQuery;
import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.MemberQuery;
import fr.mlml.ledger.core.MemberView;
import fr.mlml.ledger.core.Page;
import fr.mlml.ledger.core.TokenRole;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.vertx.core.http.HttpMethod.GET;

/**
 * The back office's lists: members (searched by id or name, filtered by kind) and accounts (filtered by member,
 * currency, status, breach), in id order, paged by the last id seen, so a page stays right while members and
 * accounts are added. The engine thread answers a page in slices of at most {@link #SLICE} members or accounts
 * examined, whatever the ledger's size (other commands run between slices); a request reads at most
 * {@link #MAX_SLICES} of them, then answers what it found with the cursor to go on from. At most
 * {@link #MAX_LISTS_AT_ONCE} lists are read at once, all event loops together, so list requests however many take
 * at most that many slices' turns of the engine thread in each pass through its queue; more are answered 503.
 */
final class ListHandlers {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;
    static final int SLICE = 1024;
    static final int MAX_SLICES = 64;
    static final int MAX_LISTS_AT_ONCE = 4;
    private static final int MAX_QUERY = 64;

    private record MemberItem(MemberView member, List<AccountView> accounts) {
    }

    private final LedgerAccess ledger;
    /** Shared by every event loop's handlers: {@link #MAX_LISTS_AT_ONCE} permits. */
    private final Semaphore lists;

    ListHandlers(LedgerAccess ledger, Semaphore lists) {
        this.ledger = ledger;
        this.lists = lists;
    }

    void register(Routes routes) {
        routes.add(GET, "/v1/members", Routes.READERS, this::members);
        routes.add(GET, "/v1/accounts", EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR, TokenRole.MEMBER),
                this::accounts);
    }

    private Future<Reply> members(Call call) {
        String q = HistoryHandlers.Query.text(call, "q", null, MAX_QUERY);
        String kindCode = HistoryHandlers.Query.text(call, "kind", null);
        MemberKind kind = kindCode == null ? null : MemberKind.ofCode(kindCode);
        if (kindCode != null && kind == null) {
            throw ApiProblem.invalid("kind", "business, citizen, association or public_body");
        }
        int limit = limit(call);
        MemberQuery query = new MemberQuery(q, kind);
        return gather((after, n) -> l -> {
            Page<MemberView> p = l.members(after, n, SLICE, query);
            List<MemberItem> items = new ArrayList<>(p.items().size());
            for (MemberView m : p.items()) items.add(new MemberItem(m, accountsOf(l, m)));
            return new Page<>(items, p.next());
        }, after(call), limit).map(page -> {
            JsonArray items = new JsonArray();
            for (MemberItem i : page.items()) items.add(JsonViews.member(i.member(), i.accounts()));
            return Reply.ok(new JsonObject().put("items", items).put("next", page.next()));
        });
    }

    private static List<AccountView> accountsOf(Ledger l, MemberView m) {
        List<AccountView> accounts = new ArrayList<>(m.accountIds().size());
        for (String a : m.accountIds()) accounts.add(l.account(a));
        return accounts;
    }

    /**
     * A member token lists only its own accounts, naming itself as {@code member_id}; another member's are
     * answered as a member without accounts, as unknown members are (what others own is not for it to learn).
     */
    private Future<Reply> accounts(Call call) {
        String memberId = HistoryHandlers.Query.text(call, "member_id", null);
        if (memberId != null && !AccountIds.isValid(memberId)) throw ApiProblem.invalid("member_id", "a member id");
        String currency = HistoryHandlers.Query.text(call, "currency", null, AccountHandlers.MAX_CURRENCY);
        String statusCode = HistoryHandlers.Query.text(call, "status", null);
        AccountStatus status = statusCode == null ? null : AccountStatus.ofCode(statusCode);
        if (statusCode != null && status == null) throw ApiProblem.invalid("status", "active, frozen or closed");
        String breachText = HistoryHandlers.Query.text(call, "breach", null);
        if (breachText != null && !breachText.equals("true") && !breachText.equals("false")) {
            throw ApiProblem.invalid("breach", "true or false");
        }
        Boolean breach = breachText == null ? null : Boolean.valueOf(breachText);
        int limit = limit(call);
        String after = after(call);
        Caller caller = call.caller();
        if (caller.role() == TokenRole.MEMBER) {
            if (memberId == null) {
                throw ApiProblem.forbidden("a member token lists its own accounts: give its member_id");
            }
            if (!caller.isMember(memberId)) return Future.succeededFuture(page(new Page<>(List.of(), null)));
        }
        AccountQuery query = new AccountQuery(memberId, currency, status, breach);
        long nowMs = System.currentTimeMillis(); // as reconciliation reckons "negative for too long"
        return gather((from, n) -> l -> l.accounts(from, n, SLICE, query, nowMs), after, limit)
                .map(ListHandlers::page);
    }

    private static Reply page(Page<AccountView> page) {
        JsonArray items = new JsonArray();
        for (AccountView a : page.items()) items.add(JsonViews.account(a));
        return Reply.ok(new JsonObject().put("items", items).put("next", page.next()));
    }

    /**
     * Reads slices from the engine (each given the cursor and the room left on the page) until the page is full,
     * the list ends, or {@link #MAX_SLICES} were read.
     */
    private <T> Future<Page<T>> gather(BiFunction<String, Integer, Function<Ledger, Page<T>>> slice, String after,
                                       int limit) {
        if (!lists.tryAcquire()) {
            throw ApiProblem.overloaded("as many lists are being read as the service reads at once");
        }
        try {
            return gather(slice, after, limit, new ArrayList<>(), 0).onComplete(done -> lists.release());
        } catch (RuntimeException e) {
            lists.release();
            throw e;
        }
    }

    private <T> Future<Page<T>> gather(BiFunction<String, Integer, Function<Ledger, Page<T>>> slice, String after,
                                       int limit, List<T> items, int slices) {
        return ledger.read(slice.apply(after, limit - items.size())).compose(p -> {
            items.addAll(p.items());
            if (p.next() == null || items.size() == limit || slices + 1 == MAX_SLICES) {
                return Future.succeededFuture(new Page<>(items, p.next()));
            }
            return gather(slice, p.next(), limit, items, slices + 1);
        });
    }

    private static int limit(Call call) {
        return (int) HistoryHandlers.Query.integer(call, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
    }

    private static String after(Call call) {
        String after = HistoryHandlers.Query.text(call, "after", null);
        if (after != null && !AccountIds.isValid(after)) throw ApiProblem.invalid("after", "an id, as next gave it");
        return after;
    }
}
