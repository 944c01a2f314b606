package fr.mlml.ledger.api;

import fr.mlml.ledger.core.Convert;
import fr.mlml.ledger.core.GroupIds;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.TokenRole;
import io.vertx.core.Future;

import java.util.EnumSet;
import java.util.UUID;

import static io.vertx.core.http.HttpMethod.POST;

/**
 * Conversions by businesses (signed) and issuance by the back office (euros received at an exchange office): each
 * one atomic group of transfers, answered with its outcome, its fee and the transfers it made.
 */
final class ConversionHandlers {
    private static final int MAX_REFERENCE = 256;

    private final LedgerAccess ledger;
    private final SignedRequests signatures;
    private final RejectionQuota rejections;

    ConversionHandlers(LedgerAccess ledger, SignedRequests signatures, RejectionQuota rejections) {
        this.ledger = ledger;
        this.signatures = signatures;
        this.rejections = rejections;
    }

    void register(Routes routes) {
        routes.add(POST, "/v1/conversions", EnumSet.of(TokenRole.MEMBER), this::convert);
        routes.add(POST, "/v1/issuances", Routes.ADMIN, this::issue);
    }

    /** {@code to_account} for MLC↔MIE, {@code to_currency} (the euro) for a reconversion: one or the other. */
    private Future<Reply> convert(Call call) {
        rejections.admit(call.caller().memberId());
        JsonInput in = JsonInput.of(call.body(), "id", "from_account", "to_account", "to_currency", "amount",
                "reference", "key_id", "signature");
        UUID id = in.uuid("id");
        if (in.has("to_account") == in.has("to_currency")) {
            throw ApiProblem.invalid("to_account", "give to_account or to_currency, not both nor neither");
        }
        Convert c = new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), call.caller().memberId(),
                in.id("from_account"), in.optionalId("to_account"),
                in.has("to_currency") ? in.text("to_currency", AccountHandlers.MAX_CURRENCY) : null,
                in.integer("amount", 1, Long.MAX_VALUE), in.optionalText("reference", MAX_REFERENCE));
        c.signedWith(signatures.verify("conversion", in, call.caller()));
        return ledger.applyThenRead(c, (cmd, l) -> GroupIds.legs(l, c.idHi, c.idLo, cmd.outcome())).map(legs -> {
            ResultStatus.requireKeyAccepted(c.result());
            rejections.charge(call.caller().memberId(), c.result());
            return Reply.ok(JsonViews.group(id, c.result(), c.outcome(), legs));
        });
    }

    private Future<Reply> issue(Call call) {
        JsonInput in = JsonInput.of(call.body(), "id", "to_account", "amount", "reference");
        UUID id = in.uuid("id");
        Issue c = new Issue(id.getMostSignificantBits(), id.getLeastSignificantBits(), in.id("to_account"),
                in.integer("amount", 1, Long.MAX_VALUE), in.text("reference", MAX_REFERENCE));
        c.issuedBy(call.caller().handle());
        return ledger.applyThenRead(c, (cmd, l) -> GroupIds.legs(l, c.idHi, c.idLo, cmd.outcome()))
                .map(legs -> Reply.ok(JsonViews.group(id, c.result(), c.outcome(), legs)
                        .put("issued_by", c.issuedBy())));
    }

}
