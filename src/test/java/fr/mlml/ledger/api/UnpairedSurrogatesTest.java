package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static fr.mlml.ledger.api.ApiFixture.transfers;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The attack: a memo holding half a surrogate pair (U+D800 alone, as a JSON escape) was stored one way before a restart
 * and read back another after it (UTF-8 cannot carry it), so a retry answered {@code exists} before the restart and
 * {@code exists_with_different_fields} after: replay no longer rebuilt the same state. Now every text field refuses
 * it with 400 {@code invalid_request} naming the field, before anything is applied.
 */
class UnpairedSurrogatesTest {
    private static final String LONE = "x\\ud800y";

    @TempDir
    Path dataDir;

    @Test
    void aMemoWithAnUnpairedSurrogateIsRefusedAndReplayAfterARestartAnswersTheSame() throws Exception {
        ApiFixture f = new ApiFixture(dataDir, null);
        try {
            f.member("su-claire", "citizen");
            f.account("mlc:su-claire", "su-claire", "MLC");
            f.member("su-shop", "business");
            f.account("mlc:su-shop", "su-shop", "MLC");
            f.issue("mlc:su-claire", 1_000);
            String token = f.memberToken("su-claire");
            ApiFixture.Signer key = f.key("su-claire", "su-claire-phone");

            JsonObject lone = transfer("mlc:su-claire", "mlc:su-shop", 100, "MLC").put("memo", "@memo@");
            String body = key.sign("transfers", transfers(lone)).encode().replace("@memo@", LONE);
            ApiClient.Answer refused = f.client.call("POST", "/v1/transfers", token, body);
            assertEquals(400, refused.status(), refused.text());
            assertEquals("invalid_request", refused.code());
            assertEquals("transfers[0].memo", refused.json().getString("field"));
            assertEquals(1_000, f.balance("mlc:su-claire"), "nothing moved");

            // The id was not taken by the refusal; a memo with a whole pair (an emoji) is text like any other.
            JsonObject paired = lone.copy().put("memo", "pain \uD83E\uDD56");
            assertEquals("created", f.send(token, key, paired).getJsonObject(0).getString("status"));
            assertEquals("exists", f.send(token, key, paired).getJsonObject(0).getString("status"));
            ApiClient.Answer name = f.client.call("POST", "/v1/members", ADMIN,
                    "{\"id\":\"su-new\",\"name\":\"" + LONE + "\",\"kind\":\"citizen\"}");
            assertEquals(400, name.status(), name.text());
            assertEquals("name", name.json().getString("field"));

            f = f.restarted();
            assertEquals("exists", f.send(token, key, paired).getJsonObject(0).getString("status"),
                    "the same answer after the journal's replay");
            refused = f.client.call("POST", "/v1/transfers", token, body);
            assertEquals(400, refused.status(), refused.text());
            assertEquals(900, f.balance("mlc:su-claire"));
            expect(404, f.client.get("/v1/members/su-new", ADMIN));
        } finally {
            f.close();
        }
    }
}
