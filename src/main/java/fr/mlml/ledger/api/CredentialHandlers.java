package fr.mlml.ledger.api;

import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.RegisterSigningKey;
import fr.mlml.ledger.core.RegisterToken;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.RevokeSigningKey;
import fr.mlml.ledger.core.RevokeToken;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TokenView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

/**
 * Tokens and signing keys (back office). Both become ledger state first; the event loops' copies ({@link Tokens},
 * {@link SigningKeys}) are updated once the ledger has them durably, before the answer goes out. Lists show what a
 * credential is and when it was made and used, never a token nor its hash.
 */
final class CredentialHandlers {
    private static final Set<TokenRole> ADMIN_OR_MEMBER = EnumSet.of(TokenRole.ADMIN, TokenRole.MEMBER);
    private static final Set<TokenRole> READERS_OR_MEMBER = EnumSet.of(TokenRole.ADMIN, TokenRole.AUDITOR,
            TokenRole.MEMBER);

    private final LedgerAccess ledger;
    private final Tokens tokens;
    private final SigningKeys keys;

    CredentialHandlers(LedgerAccess ledger, Tokens tokens, SigningKeys keys) {
        this.ledger = ledger;
        this.tokens = tokens;
        this.keys = keys;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/members/:id/signing-keys", Routes.ADMIN, this::addKey);
        routes.add(GET, "/v1/members/:id/signing-keys", READERS_OR_MEMBER, this::listKeys);
        routes.add(DELETE, "/v1/members/:id/signing-keys/:key_id", Routes.ADMIN, this::revokeKey);
        routes.add(POST, "/v1/members/:id/tokens", Routes.ADMIN, this::memberToken);
        // Auditors too (DESIGN.md §4: they read everything, never a secret): the back office's devices screen.
        routes.add(GET, "/v1/members/:id/tokens", READERS_OR_MEMBER, this::listTokens);
        routes.add(POST, "/v1/tokens", Routes.ADMIN, this::staffToken);
        routes.add(DELETE, "/v1/tokens/:token_id", ADMIN_OR_MEMBER, this::revokeToken);
    }

    private Future<Reply> addKey(Call call) {
        String member = call.idParam("id");
        JsonInput in = JsonInput.of(call.body(), "key_id", "public_key", "terminal_id");
        String keyId = in.id("key_id");
        byte[] publicKey = SignedRequests.publicKey(in, "public_key");
        String terminalId = in.optionalId("terminal_id");
        return ledger.applyThenRead(new RegisterSigningKey(member, keyId, publicKey, terminalId), (c, l) -> {
            ResultStatus.requireOk(c.result());
            return l.signingKey(keyId);
        }).map(key -> {
            keys.put(key);
            return Reply.created(JsonViews.signingKey(key));
        });
    }

    private Future<Reply> listKeys(Call call) {
        String member = readable(call);
        return items(member, l -> l.signingKeys().stream().filter(k -> k.memberId().equals(member)).toList(),
                JsonViews::signingKey);
    }

    /** A member's credentials, read in one engine pass and shown off it; 404 for a member that does not exist. */
    private <T> Future<Reply> items(String member, Function<Ledger, List<T>> ofMember, Function<T, JsonObject> view) {
        return ledger.read(l -> l.member(member) == null ? null : ofMember.apply(l)).map(list -> {
            if (list == null) throw ApiProblem.notFound("no member " + member);
            JsonArray items = new JsonArray();
            for (T t : list) items.add(view.apply(t));
            return Reply.ok(new JsonObject().put("items", items));
        });
    }

    private Future<Reply> revokeKey(Call call) {
        String member = call.idParam("id");
        String keyId = call.idParam("key_id");
        SigningKeys.Key key = keys.get(keyId);
        if (key == null || !key.view().memberId().equals(member)) throw ApiProblem.notFound("no key " + keyId + " of " + member);
        return ledger.applyThenRead(new RevokeSigningKey(member, keyId), (c, l) -> {
            ResultStatus.requireOk(c.result());
            return l.signingKey(keyId);
        }).map(revoked -> {
            keys.put(revoked);
            return Reply.noContent();
        });
    }

    /** The member a list is asked for, if the caller may read it: admin and auditor any, a member itself. */
    private static String readable(Call call) {
        String member = call.idParam("id");
        if (!call.caller().readsEverything() && !call.caller().isMember(member)) {
            throw ApiProblem.forbidden("a member reads its own credentials only");
        }
        return member;
    }

    private Future<Reply> listTokens(Call call) {
        String member = readable(call);
        long now = System.currentTimeMillis();
        return items(member, l -> l.tokens().stream().filter(t -> member.equals(t.memberId())).toList(),
                t -> JsonViews.token(t, lastUsed(t), now));
    }

    /** The freshest use known of a token: the event loops' (not yet journaled) or the ledger's. */
    private Long lastUsed(TokenView t) {
        Long seen = tokens.lastUsedMs(t.number());
        if (seen == null) return t.lastUsedMs();
        return t.lastUsedMs() == null ? seen : Long.valueOf(Math.max(seen, t.lastUsedMs()));
    }

    /**
     * Admin any token; a member only its own terminals' (a till lost), every other token answered as one that does
     * not exist. Durable before the 204, and out of the event loops' table before it too.
     */
    private Future<Reply> revokeToken(Call call) {
        long number = tokenNumber(call.param("token_id"));
        Caller caller = call.caller();
        return ledger.read(l -> l.token(number)).compose(t -> {
            boolean mayRevoke = t != null && (caller.role() == TokenRole.ADMIN
                    || (t.role() == TokenRole.TERMINAL && caller.isMember(t.memberId())));
            if (!mayRevoke) throw ApiProblem.notFound("no such token");
            return ledger.submit(new RevokeToken(number));
        }).map(c -> {
            if (c.result() == ResultCode.UNKNOWN_TOKEN) throw ApiProblem.notFound("no such token");
            if (!c.result().succeeded()) throw ResultStatus.problem(c.result());
            tokens.remove(number);
            return Reply.noContent();
        });
    }

    /** {@code tok_<number>}; anything else names no token. */
    private static long tokenNumber(String id) {
        if (id == null || !id.matches("tok_[1-9][0-9]{0,17}")) throw ApiProblem.notFound("no such token");
        return Long.parseLong(id.substring(4));
    }

    private Future<Reply> memberToken(Call call) {
        String member = call.idParam("id");
        JsonInput in = JsonInput.of(call.body(), "role", "terminal_id", "refund_limit", "refund_limit_per_day",
                "expires_in_s");
        TokenRole role = in.code("role", TokenRole::ofCode);
        if (!role.actsForMember()) throw ApiProblem.invalid("role", "a member's token is member or terminal");
        TerminalLimits limits = TerminalLimits.of(in, role);
        return register(role, member, limits, in.integerOr("expires_in_s", 1, RegisterToken.MAX_EXPIRES_IN_S, 0));
    }

    private Future<Reply> staffToken(Call call) {
        JsonInput in = JsonInput.of(call.body(), "role", "expires_in_s");
        TokenRole role = in.code("role", TokenRole::ofCode);
        if (!Set.of(TokenRole.ADMIN, TokenRole.AUDITOR).contains(role)) {
            throw ApiProblem.invalid("role", "this route makes admin and auditor tokens");
        }
        return register(role, null, TerminalLimits.NONE,
                in.integerOr("expires_in_s", 1, RegisterToken.MAX_EXPIRES_IN_S, 0));
    }

    /** The token is shown in this answer only; the ledger and the event loops keep its hash. */
    private Future<Reply> register(TokenRole role, String member, TerminalLimits limits, long expiresInS) {
        String token = Tokens.generate();
        RegisterToken command = new RegisterToken(Tokens.hash(token), role, member, limits.terminalId(),
                limits.refundLimit(), limits.refundLimitPerDay(), expiresInS);
        return ledger.applyThenRead(command, (c, l) -> {
            ResultStatus.requireOk(c.result());
            return l.token(c.number());
        }).map(view -> {
            tokens.add(view);
            return Reply.created(JsonViews.token(view, null, view.createdMs()).put("token", token));
        });
    }
}
