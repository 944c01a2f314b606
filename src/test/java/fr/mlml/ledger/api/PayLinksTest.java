package fr.mlml.ledger.api;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static fr.mlml.ledger.api.ApiFixture.ADMIN;
import static fr.mlml.ledger.api.ApiFixture.expect;
import static fr.mlml.ledger.api.ApiFixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The counter scene from the API's side: a till's payment request carries the link a payer opens; any member reads
 * what it would confirm (the payee's name, the amount) and nothing of the request if it does not exist; once paid,
 * the payable says so.
 */
class PayLinksTest {
    @TempDir
    static Path dataDir;
    private static ApiFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
        f.member("pl-bakery", "business");
        f.member("pl-claire", "citizen");
        f.account("mlc:pl-bakery", "pl-bakery", "MLC");
        f.account("mlc:pl-claire", "pl-claire", "MLC");
        f.issue("mlc:pl-claire", 20_00);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void aRequestsLinkShowsThePayerWhatItConfirmsAndThenThatItIsPaid() {
        String till = f.token("pl-bakery", new JsonObject().put("role", "terminal").put("terminal_id", "till-1"));
        String id = UUID.randomUUID().toString();
        JsonObject request = expect(201, f.client.post("/v1/payment-requests", till, new JsonObject().put("id", id)
                .put("credit_account", "mlc:pl-bakery").put("amount", 3_20).put("memo", "2 croissants")
                .put("expires_in_s", 300))).json();
        String ref = "pl-bakery~" + id;
        String link = "http://localhost:" + f.service.port() + "/pay/" + ref;
        assertEquals(link, request.getString("pay_url"));
        assertEquals(link, expect(200, f.client.get("/v1/payment-requests/" + id, till)).json().getString("pay_url"));

        String claire = f.memberToken("pl-claire");
        JsonObject payable = expect(200, f.client.get("/v1/payment-requests/" + ref + "/payable", claire)).json();
        assertEquals(new JsonObject().put("id", ref)
                .put("payee", new JsonObject().put("member_id", "pl-bakery").put("name", "Member pl-bakery"))
                .put("credit_account", "mlc:pl-bakery").put("currency", "MLC").put("amount", 3_20)
                .put("memo", "2 croissants").put("status", "open").put("expires_at", request.getString("expires_at"))
                .put("pay_url", link), payable);

        ApiFixture.Signer key = f.key("pl-claire", "pl-claire-phone");
        f.send(claire, key, transfer("mlc:pl-claire", "mlc:pl-bakery", 3_20, "MLC").put("payment_request", id)); // the request of the account paid
        assertEquals("paid", expect(200, f.client.get("/v1/payment-requests/" + ref + "/payable", claire)).json()
                .getString("status"));
    }

    @Test
    void theTillShowsTheRequestsLinkAsAQrCodeAPhoneReads() throws Exception {
        String till = f.token("pl-bakery", new JsonObject().put("role", "terminal").put("terminal_id", "till-2"));
        String id = UUID.randomUUID().toString();
        JsonObject request = expect(201, f.client.post("/v1/payment-requests", till, new JsonObject().put("id", id)
                .put("credit_account", "mlc:pl-bakery").put("amount", 1_10).put("expires_in_s", 300))).json();
        ApiClient.Answer qr = expect(200, f.client.get("/v1/payment-requests/" + id + "/qr.svg", till));
        assertEquals("image/svg+xml", qr.header("Content-Type"));
        assertEquals(request.getString("pay_url"), QrImages.decode(qr.text()));
        expect(404, f.client.get("/v1/payment-requests/pl-bakery~" + id + "/qr.svg", f.memberToken("pl-claire")));
    }

    @Test
    void aRequestThatDoesNotExistRevealsNothingAndOnlyPayersAsk() {
        String claire = f.memberToken("pl-claire");
        ApiClient.Answer none = expect(404, f.client.get("/v1/payment-requests/pl-bakery~nope/payable", claire));
        assertEquals("not_found", none.code());
        expect(404, f.client.get("/v1/payment-requests/nope/payable", claire)); // Claire has made none
        expect(403, f.client.get("/v1/payment-requests/pl-bakery~nope/payable", ADMIN));
    }

    /** A wallet pays a business found in the directory into the account the directory names; a closed one is gone. */
    @Test
    void theDirectoryNamesTheAccountsABusinessIsPaidInto() {
        f.member("pl-cafe", "business");
        f.account("mlc:pl-cafe", "pl-cafe", "MLC");
        f.account("mie:pl-cafe", "pl-cafe", "MIE");
        f.account("mlc:pl-cafe-old", "pl-cafe", "MLC");
        expect(200, f.client.patch("/v1/accounts/mlc:pl-cafe-old", ADMIN, new JsonObject().put("status", "closed")));
        JsonObject cafe = expect(200, f.client.get("/v1/directory", f.memberToken("pl-claire"))).json()
                .getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(b -> b.getString("id").equals("pl-cafe")).findFirst().orElseThrow();
        assertEquals(new JsonObject().put("id", "pl-cafe").put("name", "Member pl-cafe")
                .put("currencies", new io.vertx.core.json.JsonArray().add("MIE").add("MLC"))
                .put("accounts", new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("id", "mlc:pl-cafe").put("currency", "MLC"))
                        .add(new JsonObject().put("id", "mie:pl-cafe").put("currency", "MIE"))), cafe);
    }
}
