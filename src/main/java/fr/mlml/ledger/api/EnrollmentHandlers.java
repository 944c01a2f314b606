package fr.mlml.ledger.api;

import fr.mlml.ledger.core.CreateEnrollment;
import fr.mlml.ledger.core.Enroll;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.TokenRole;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.crypto.RequestSignatures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.POST;

/**
 * Devices joining a member with a code instead of a copied key (DESIGN.md §10). The back office asks for a code; the
 * device, with no token, sends it with a public key it made and signs with that key; the ledger spends the code and
 * registers the key and a token in one command. The code is kept only as its SHA-256, and every way a code can be
 * wrong (unknown, used, expired, malformed) gets the same answer. Failed attempts are counted per client address
 * (a device that enrols at once costs nothing): past the limit the address is refused before its body is read.
 */
final class EnrollmentHandlers {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 128 random bits, as 32 lowercase hex digits: easy to read out or type, and to put in a QR code. */
    private static final int CODE_BYTES = 16;
    private static final long DEFAULT_EXPIRES_IN_S = 24 * 3600;
    private static final int MAX_SIGNATURE = 128;

    private final LedgerAccess ledger;
    private final Tokens tokens;
    private final SigningKeys keys;
    private final RateLimiter attempts;
    /** The address links are written with ({@code LEDGER_PUBLIC_URL}), known once the service listens. */
    private final Supplier<String> publicUrl;

    EnrollmentHandlers(LedgerAccess ledger, Tokens tokens, SigningKeys keys, RateLimiter attempts,
                       Supplier<String> publicUrl) {
        this.ledger = ledger;
        this.tokens = tokens;
        this.keys = keys;
        this.attempts = attempts;
        this.publicUrl = publicUrl;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/members/:id/enrollments", Routes.ADMIN, this::create);
        routes.anonymous(POST, "/v1/enrollments", attempts, this::enroll);
    }

    private Future<Reply> create(Call call) {
        String member = call.idParam("id");
        JsonInput in = JsonInput.of(call.body(), "role", "terminal_id", "refund_limit", "refund_limit_per_day",
                "expires_in_s");
        TokenRole role = in.code("role", TokenRole::ofCode);
        if (!role.actsForMember()) throw ApiProblem.invalid("role", "a device enrols as a member or a terminal");
        TerminalLimits limits = TerminalLimits.of(in, role);
        long expiresInS = in.integerOr("expires_in_s", 1, CreateEnrollment.MAX_EXPIRES_IN_S, DEFAULT_EXPIRES_IN_S);
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        String code = HexFormat.of().formatHex(bytes);
        CreateEnrollment command = new CreateEnrollment(Tokens.hash(code), role, member, limits.terminalId(),
                limits.refundLimit(), limits.refundLimitPerDay(), expiresInS);
        return ledger.submit(command).map(c -> {
            ResultStatus.requireOk(c.result());
            String app = role == TokenRole.TERMINAL ? "/till/" : "/wallet/";
            return Reply.created(new JsonObject().put("code", code)
                    .put("enroll_url", publicUrl.get() + app + "#enroll=" + code)
                    .put("expires_at", JsonViews.instant(c.timestampMs() + expiresInS * 1000)));
        });
    }

    private Future<Reply> enroll(Call call) {
        String address = Call.address(call.ctx());
        Future<Reply> reply;
        try {
            reply = spend(call);
        } catch (ApiProblem p) {
            reply = Future.failedFuture(p);
        }
        return reply.onFailure(e -> {
            if (e instanceof ApiProblem) attempts.take(address);
        });
    }

    private Future<Reply> spend(Call call) {
        JsonInput in = JsonInput.of(call.body(), "code", "key_id", "public_key", "device_name", "signature");
        String code = in.text("code", 4 * CODE_BYTES);
        String keyId = in.id("key_id");
        byte[] publicKey = SignedRequests.publicKey(in, "public_key");
        String deviceName = in.has("device_name") ? in.text("device_name", Enroll.MAX_DEVICE_NAME) : null;
        if (!RequestSignatures.verify("enroll", in.json(), publicKey, in.text("signature", MAX_SIGNATURE))) {
            throw ApiProblem.badSignature("the signature is not the new key's over this body");
        }
        String token = Tokens.generate();
        // Hex read out or typed in capitals is the same code.
        Enroll command = new Enroll(Tokens.hash(code.toLowerCase(Locale.ROOT)), keyId, publicKey, Tokens.hash(token),
                deviceName);
        return ledger.applyThenRead(command, (c, l) -> {
            if (c.result() == ResultCode.ENROLLMENT_INVALID) {
                throw new ApiProblem(404, "enrollment_invalid", "this code is unknown, already used or expired",
                        "code", 0);
            }
            if (c.result() == ResultCode.EXISTS_WITH_DIFFERENT_FIELDS) {
                throw new ApiProblem(409, "exists", "key " + keyId + " is taken: make another key id", "key_id", 0);
            }
            ResultStatus.requireOk(c.result());
            return new Enrolled(l.token(c.tokenNumber()), l.signingKey(keyId));
        }).map(e -> {
            keys.put(e.key());
            tokens.add(e.token());
            JsonObject json = new JsonObject().put("member_id", e.token().memberId()).put("token", token)
                    .put("token_id", JsonViews.tokenId(e.token().number())).put("key_id", keyId);
            if (e.token().terminalId() != null) json.put("terminal_id", e.token().terminalId());
            return Reply.created(json);
        });
    }

    private record Enrolled(TokenView token, SigningKeyView key) {
    }
}
