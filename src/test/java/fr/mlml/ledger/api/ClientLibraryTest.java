package fr.mlml.ledger.api;

import fr.mlml.ledger.client.BackOfficeClient;
import fr.mlml.ledger.client.EventsConsumer;
import fr.mlml.ledger.client.KeyFileSigner;
import fr.mlml.ledger.client.LedgerClient;
import fr.mlml.ledger.client.LedgerException;
import fr.mlml.ledger.client.Transfer;
import fr.mlml.ledger.client.TransferResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static fr.mlml.ledger.api.FaultyProxy.Fault.DROP_ANSWER;
import static fr.mlml.ledger.api.FaultyProxy.Fault.OVERLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client library against the real service, as a member's payroll software uses it: lists of any length paid in
 * signed batches, a lost answer or an overloaded service retried with the same ids so that nothing is paid twice, a
 * refusal as an exception with its code, and an events consumer that resumes where it stopped.
 */
class ClientLibraryTest {
    private static final LedgerClient.Retries QUICK = new LedgerClient.Retries(6, Duration.ofMillis(50),
            Duration.ofSeconds(2), Duration.ofSeconds(30));

    @TempDir
    static Path dataDir;
    @TempDir
    Path work;
    private static ApiFixture f;
    private static String token;
    private static KeyFileSigner signer;

    @BeforeAll
    static void start() throws Exception {
        f = new ApiFixture(dataDir, null);
        f.member("cl-payroll", "business");
        f.member("cl-worker", "citizen");
        f.account("mlc:cl-payroll", "cl-payroll", "MLC");
        f.account("mlc:cl-worker", "cl-worker", "MLC");
        f.issue("mlc:cl-payroll", 1_000_000);
        ApiFixture.Signer key = f.key("cl-payroll", "cl-payroll-server");
        signer = new KeyFileSigner(key.keyId(), key.seed());
        token = f.memberToken("cl-payroll");
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static LedgerClient client(int port) {
        return new LedgerClient(URI.create("http://127.0.0.1:" + port), token, signer, QUICK);
    }

    @Test
    void aLongListIsPaidInSignedBatchesAndPayingItAgainPaysNothing() {
        LedgerClient client = client(f.service.port());
        long before = client.balance("mlc:cl-payroll");
        List<Transfer> payroll = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            payroll.add(new Transfer(Transfer.newId(), "mlc:cl-payroll", "mlc:cl-worker", 1, "MLC", "line " + i));
        }
        List<TransferResult> first = client.pay(payroll);
        assertEquals(2_345, first.size());
        assertTrue(first.stream().allMatch(r -> r.status().equals("created")), "all created");
        assertEquals(before - 2_345, client.balance("mlc:cl-payroll"));
        String now = java.time.Instant.now().toString();
        assertEquals(before - 2_345, client.balanceAt("mlc:cl-payroll", now), "the balance at an instant");
        Map<String, Object> statement = client.statement("mlc:cl-payroll", "2020-01-01T00:00:00Z", now);
        assertEquals(0L, statement.get("opening"));
        assertEquals(before - 2_345, statement.get("closing"));
        List<TransferResult> again = client.pay(payroll);
        assertTrue(again.stream().allMatch(r -> r.status().equals("exists") && r.done()), "all exist already");
        assertEquals(before - 2_345, client.balance("mlc:cl-payroll"), "paid once");
        for (int i = 0; i < payroll.size(); i++) assertEquals(payroll.get(i).id(), again.get(i).id(), "in order");
    }

    @Test
    void aLostAnswerIsRetriedWithTheSameIdAndPaysOnce() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(f.service.port(), List.of(DROP_ANSWER))) {
            LedgerClient client = client(proxy.port());
            long before = f.balance("mlc:cl-payroll");
            TransferResult result = client.pay(new Transfer(Transfer.newId(), "mlc:cl-payroll", "mlc:cl-worker",
                    7_00, "MLC", "invoice 42"));
            assertEquals("exists", result.status(), "the first attempt was done, its answer lost");
            assertTrue(result.done());
            assertEquals(before - 7_00, f.balance("mlc:cl-payroll"), "paid once");
            assertEquals(2, proxy.arrivalsMs.size());
        }
    }

    @Test
    void anOverloadedLedgerIsRetriedAfterTheTimeItAsks() throws Exception {
        try (FaultyProxy proxy = new FaultyProxy(f.service.port(), List.of(OVERLOADED))) {
            LedgerClient client = client(proxy.port());
            long before = f.balance("mlc:cl-payroll");
            TransferResult result = client.pay(new Transfer(Transfer.newId(), "mlc:cl-payroll", "mlc:cl-worker",
                    3_00, "MLC", null));
            assertEquals("created", result.status());
            assertEquals(before - 3_00, f.balance("mlc:cl-payroll"));
            assertTrue(proxy.arrivalsMs.get(1) - proxy.arrivalsMs.get(0) >= 1_000, "waited the Retry-After second");
        }
    }

    @Test
    void aShopAsksToBePaidAndShowsTheLinkAsAQrCode() throws Exception {
        LedgerClient shop = client(f.service.port());
        String id = Transfer.newId();
        Map<String, Object> request = shop.requestPayment(id, "mlc:cl-payroll", 4_50, "commande 12", 600);
        assertEquals(request.get("pay_url"), QrImages.decode(shop.paymentRequestQr(id)));
        assertEquals(request, shop.requestPayment(id, "mlc:cl-payroll", 4_50, "commande 12", 600),
                "asked again with the same id: the same request, not a second one");
    }

    @Test
    void aRefusalComesWithItsCodeAndARejectionWithItsRule() {
        LedgerClient stranger = new LedgerClient(URI.create("http://127.0.0.1:" + f.service.port()), "not-a-token",
                signer, QUICK);
        LedgerException refused = assertThrows(LedgerException.class, () -> stranger.balance("mlc:cl-payroll"));
        assertEquals(401, refused.status());
        TransferResult rejected = client(f.service.port()).pay(new Transfer(Transfer.newId(), "mlc:cl-payroll",
                "mlc:cl-nobody", 1, "MLC", null));
        assertEquals("rejected", rejected.status());
        assertEquals("unknown_account", rejected.code());
    }

    @Test
    void theBackOfficeOpensAMemberAndIssuesOnceThoughTheAnswerIsLost() throws Exception {
        BackOfficeClient office = new BackOfficeClient(new LedgerClient(URI.create("http://127.0.0.1:"
                + f.service.port()), ApiFixture.ADMIN, null, QUICK));
        office.createMember("cl-bakery", "Boulangerie du client", "business");
        office.createAccount("mlc:cl-bakery", "cl-bakery", "MLC", null, null);
        office.changeAccount("mlc:cl-bakery", -50_00L, null, null);
        assertEquals(-50_00L, f.client.get("/v1/accounts/mlc:cl-bakery", ApiFixture.ADMIN).json().getLong("floor"));
        try (FaultyProxy proxy = new FaultyProxy(f.service.port(), List.of(DROP_ANSWER))) {
            BackOfficeClient viaProxy = new BackOfficeClient(new LedgerClient(URI.create("http://127.0.0.1:"
                    + proxy.port()), ApiFixture.ADMIN, null, QUICK));
            Map<String, Object> issued = viaProxy.issue(Transfer.newId(), "mlc:cl-bakery", 20_00, "office 2");
            assertEquals("exists", issued.get("status"), "done by the first attempt, whose answer was lost");
        }
        assertEquals(20_00, f.balance("mlc:cl-bakery"), "issued once");
        assertTrue((Boolean) office.reconciliation().get("invariants_ok"));
        assertTrue(office.members("bakery", null, 10, null).toString().contains("cl-bakery"), "found by name");
        assertTrue(office.accounts("cl-bakery", "MLC", null, null, 10, null).toString().contains("mlc:cl-bakery"));
        assertEquals(2, ((List<?>) office.accountChanges("mlc:cl-bakery").get("items")).size(), "opened, then the floor");
        assertTrue(office.fec(null, null).startsWith("JournalCode\tJournalLib\tEcritureNum"), "the FEC's header");
        LedgerException taken = assertThrows(LedgerException.class,
                () -> office.createMember("cl-bakery", "again", "business"));
        assertEquals(409, taken.status());
    }

    @Test
    void theBackOfficeListsAndRevokesATillsTokenAndMakesAnEnrollmentCode() {
        BackOfficeClient office = new BackOfficeClient(new LedgerClient(URI.create("http://127.0.0.1:"
                + f.service.port()), ApiFixture.ADMIN, null, QUICK));
        office.createMember("cl-shop", "Magasin du client", "business");
        Map<String, Object> till = office.createMemberToken("cl-shop", Map.of("role", "terminal",
                "terminal_id", "till-1"));
        assertEquals(200, f.client.get("/v1/events?limit=1", (String) till.get("token")).status());
        List<?> tokens = (List<?>) office.tokens("cl-shop").get("items");
        assertEquals(till.get("id"), ((Map<?, ?>) tokens.get(0)).get("id"));
        office.revokeToken((String) till.get("id"));
        office.revokeToken((String) till.get("id"));
        assertEquals(401, f.client.get("/v1/events?limit=1", (String) till.get("token")).status());
        assertEquals(List.of(), office.signingKeys("cl-shop").get("items"));
        Map<String, Object> code = office.createEnrollment("cl-shop", Map.of("role", "terminal",
                "terminal_id", "till-2"));
        assertTrue(((String) code.get("enroll_url")).endsWith("/till/#enroll=" + code.get("code")), code.toString());
    }

    @Test
    void anEventsConsumerResumesAfterTheLastEventItHandled() throws Exception {
        LedgerClient client = client(f.service.port());
        Path cursor = work.resolve("events.cursor");
        List<Map<String, Object>> seen = new ArrayList<>();
        EventsConsumer consumer = new EventsConsumer(client, cursor, List.of("transfer.created"));
        int first = consumer.drain(seen::add);
        assertTrue(first > 0, "the payments made so far");
        long after = consumer.cursor();
        // The cursor is the feed's place: at the last payment handled, or past events of other types after it.
        assertTrue(after >= (Long) seen.get(seen.size() - 1).get("seq"), "cursor " + after);
        String id = Transfer.newId();
        client.pay(new Transfer(id, "mlc:cl-payroll", "mlc:cl-worker", 1_00, "MLC", "after the restart"));
        List<Map<String, Object>> resumed = new ArrayList<>();
        new EventsConsumer(client, cursor, List.of("transfer.created")).drain(resumed::add);
        assertEquals(1, resumed.size(), "only what came after the cursor");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) resumed.get(0).get("data");
        assertEquals(id, data.get("id"));
    }
}
