package fr.mlml.ledger.api;

import fr.mlml.ledger.core.RegisterSigningKey;
import fr.mlml.ledger.core.RegisterToken;
import fr.mlml.ledger.core.RevokeSigningKey;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TokenView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.Set;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.POST;

/**
 * Tokens and signing keys (back office). Both become ledger state first; the event loops' copies ({@link Tokens},
 * {@link SigningKeys}) are updated once the ledger has them durably, before the answer goes out.
 */
final class CredentialHandlers {
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
        routes.add(DELETE, "/v1/members/:id/signing-keys/:key_id", Routes.ADMIN, this::revokeKey);
        routes.add(POST, "/v1/members/:id/tokens", Routes.ADMIN, this::memberToken);
        routes.add(POST, "/v1/tokens", Routes.ADMIN, this::staffToken);
    }

    private Future<Reply> addKey(Call call) {
        String member = call.idParam("id");
        JsonInput in = JsonInput.of(call.body(), "key_id", "public_key", "terminal_id");
        String keyId = in.id("key_id");
        byte[] publicKey = SignedRequests.publicKey(in, "public_key");
        String terminalId = in.optionalId("terminal_id");
        return ledger.submit(new RegisterSigningKey(member, keyId, publicKey, terminalId)).map(c -> {
            ResultStatus.requireOk(c.result());
            keys.put(new SigningKeyView(keyId, member, publicKey, terminalId, false));
            return Reply.created(JsonViews.signingKey(member, keyId, publicKey, terminalId));
        });
    }

    private Future<Reply> revokeKey(Call call) {
        String member = call.idParam("id");
        String keyId = call.idParam("key_id");
        SigningKeyView key = keys.get(keyId);
        if (key == null || !key.memberId().equals(member)) throw ApiProblem.notFound("no key " + keyId + " of " + member);
        return ledger.submit(new RevokeSigningKey(member, keyId)).map(c -> {
            ResultStatus.requireOk(c.result());
            keys.revoked(keyId);
            return Reply.noContent();
        });
    }

    private Future<Reply> memberToken(Call call) {
        String member = call.idParam("id");
        JsonInput in = JsonInput.of(call.body(), "role", "terminal_id", "refund_limit");
        TokenRole role = in.code("role", TokenRole::ofCode);
        if (!role.actsForMember()) throw ApiProblem.invalid("role", "a member's token is member or terminal");
        boolean terminal = role == TokenRole.TERMINAL;
        if (!terminal && (in.has("terminal_id") || in.has("refund_limit"))) {
            throw ApiProblem.invalid(in.has("terminal_id") ? "terminal_id" : "refund_limit", "only for a terminal");
        }
        String terminalId = terminal ? in.id("terminal_id") : null;
        long refundLimit = terminal ? in.integerOr("refund_limit", 0, Long.MAX_VALUE, 0) : 0;
        return register(role, member, terminalId, refundLimit);
    }

    private Future<Reply> staffToken(Call call) {
        JsonInput in = JsonInput.of(call.body(), "role");
        TokenRole role = in.code("role", TokenRole::ofCode);
        if (!Set.of(TokenRole.ADMIN, TokenRole.AUDITOR).contains(role)) {
            throw ApiProblem.invalid("role", "this route makes admin and auditor tokens");
        }
        return register(role, null, null, 0);
    }

    /** The token is shown in this answer only; the ledger and the event loops keep its hash. */
    private Future<Reply> register(TokenRole role, String member, String terminalId, long refundLimit) {
        String token = Tokens.generate();
        TokenView view = new TokenView(Tokens.hash(token), role, member, terminalId, refundLimit);
        return ledger.submit(new RegisterToken(view.hash(), role, member, terminalId, refundLimit)).map(c -> {
            ResultStatus.requireOk(c.result());
            tokens.add(view);
            JsonObject json = new JsonObject().put("token", token).put("role", role.code);
            if (member != null) json.put("member_id", member);
            if (terminalId != null) json.put("terminal_id", terminalId).put("refund_limit", refundLimit);
            return Reply.created(json);
        });
    }
}
