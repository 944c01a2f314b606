package fr.mlml.ledger.config;

import fr.mlml.ledger.core.ConversionPolicy;
import fr.mlml.ledger.core.CurrencyKind;
import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.SystemAccount;
import fr.mlml.ledger.core.SystemRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code config/ledger.json} as shipped, and the errors a mistaken configuration gets. */
class LedgerConfigFileTest {
    private static final Path SHIPPED = Path.of("config/ledger.json");

    @TempDir
    Path dir;

    @Test
    void theShippedConfigLoads() {
        LedgerConfig c = LedgerConfigFile.load(SHIPPED);

        assertEquals(3, c.currencies().size());
        CurrencyPolicy mie = c.currency("MIE");
        assertEquals(CurrencyKind.MUTUAL_CREDIT, mie.kind());
        assertEquals(2, mie.scale());
        assertEquals(Set.of(MemberKind.BUSINESS, MemberKind.ASSOCIATION, MemberKind.PUBLIC_BODY), mie.holders());
        assertEquals(new Limits(-100_000, 500_000), mie.defaultLimitsFor(MemberKind.BUSINESS));
        assertEquals(new Limits(0, Limits.NO_CEILING), mie.defaultLimitsFor(MemberKind.ASSOCIATION));
        CurrencyPolicy mlc = c.currency("MLC");
        assertEquals(CurrencyKind.EURO_BACKED, mlc.kind());
        assertEquals(new Limits(0, Limits.NO_CEILING), mlc.defaultLimitsFor(MemberKind.CITIZEN));
        assertEquals("EUR", c.referenceCurrency().code());
        assertEquals(Set.of(), c.currency("EUR").holders());

        assertEquals(7, c.systemAccounts().size());
        SystemAccount reserve = c.systemAccount(SystemRole.EURO_RESERVE, "EUR");
        assertEquals("eur:reserve", reserve.id());
        assertEquals(new Limits(0, Limits.NO_CEILING), reserve.limits());
        assertEquals(Limits.NONE, c.systemAccount(SystemRole.EURO_WORLD, "EUR").limits());
        assertEquals("mie:conversion", c.systemAccount(SystemRole.CONVERSION_POOL, "MIE").id());
        assertEquals(new Limits(0, Limits.NO_CEILING), c.systemAccount(SystemRole.CONVERSION_POOL, "MLC").limits());

        assertEquals(3, c.conversions().size());
        ConversionPolicy reconversion = c.conversion("MLC", "EUR");
        assertEquals(500, reconversion.feeRateBp());
        assertEquals(Set.of(MemberKind.BUSINESS), reconversion.allowed());
        assertEquals(new ConversionPolicy.Cap(500_000, 30), reconversion.cap());
        assertEquals(0, c.conversion("MIE", "MLC").feeRateBp());
        assertEquals(null, c.conversion("EUR", "MLC"));
        assertEquals(365, c.negativePeriodDays());
        assertEquals(1 << 20, c.recentTransfersCapacity());
        assertEquals(30, c.paymentRequestRetentionDays());
    }

    @Test
    void theDefaultsAreTheShippedConfig() {
        assertEquals(LedgerConfigFile.load(SHIPPED), LedgerConfigFile.defaults());
    }

    @Test
    void theShippedChartBooksEveryAccountAndTheDefaultsFillWhatASectionLeavesOut() throws IOException {
        FecChart chart = LedgerConfigFile.defaultChart();
        LedgerConfig c = LedgerConfigFile.defaults();
        assertEquals(new FecChart.Account("512100", "Banque - fonds de garantie MLC"),
                chart.accountOf("eur:reserve", "EUR"));
        assertEquals("467100", chart.accountOf("mlc:claire", "MLC").number());
        assertEquals("467200", chart.accountOf("mie:dupont", "MIE").number());
        assertTrue(chart.currencies().get("EUR").reversed());
        assertEquals(null, chart.currencies().get("EUR").members(), "members hold no euros");
        assertEquals("Europe/Paris", chart.timeZone().getId());
        assertEquals("ISO-8859-15", chart.charset().name());
        assertEquals(c.systemAccounts().size(), chart.systemAccounts().size());

        FecChart defaults = FecChart.of(null, c);
        assertEquals("512103", defaults.accountOf("eur:reserve", "EUR").number(), "a bank account, as its role");
        assertEquals("706101", defaults.accountOf("mie:fees", "MIE").number());
        FecChart partial = FecChart.of(shipped().getJsonObject("fec").put("system_accounts", new JsonObject()
                .put("mlc:fees", new JsonObject().put("number", "758000"))), c);
        assertEquals(new FecChart.Account("758000", "Commissions perçues en MLC"), partial.accountOf("mlc:fees", "MLC"));
        assertEquals("580202", partial.accountOf("mlc:issuance", "MLC").number(), "left out: its role's default");
    }

    @Test
    void aChartThatWouldBookTwoAccountsAsOneOrOutsideThePlanIsRefused() throws IOException {
        LedgerConfig c = LedgerConfigFile.defaults();
        JsonObject fec = shipped().getJsonObject("fec");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FecChart.of(fec.copy().put("system_accounts",
                new JsonObject().put("mlc:fees", new JsonObject().put("number", "467100"))), c)), "467100",
                "already used");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FecChart.of(fec.copy().put("system_accounts",
                new JsonObject().put("eur:reserve", new JsonObject().put("number", "BANK"))), c)),
                "fec.system_accounts.eur:reserve.number");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FecChart.of(fec.copy().put("system_accounts",
                new JsonObject().put("eur:nowhere", new JsonObject())), c)), "unknown eur:nowhere");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FecChart.of(fec.copy()
                .put("encoding", "UTF-16"), c)), "fec.encoding");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FecChart.of(fec.copy()
                .put("siren", "12345"), c)), "fec.siren");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FecChart.of(fec.copy()
                .put("time_zone", "Europe/Lille"), c)), "fec.time_zone");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> FecChart.of(fec.copy().put("opening_journal",
                new JsonObject().put("label", "A\tnouveaux")), c)), "fec.opening_journal.label");
    }

    private static JsonObject shipped() throws IOException {
        return new JsonObject(Files.readString(SHIPPED));
    }

    /** Writes the shipped config changed by {@code edit} and loads it; returns the error. */
    private IllegalArgumentException loadEdited(Consumer<JsonObject> edit) throws IOException {
        JsonObject json = shipped();
        edit.accept(json);
        Path file = dir.resolve("ledger.json");
        Files.writeString(file, json.encodePrettily());
        return assertThrows(IllegalArgumentException.class, () -> LedgerConfigFile.load(file));
    }

    private static JsonObject currency(JsonObject json, String code) {
        for (Object o : json.getJsonArray("currencies")) {
            if (((JsonObject) o).getString("code").equals(code)) return (JsonObject) o;
        }
        throw new AssertionError(code);
    }

    private static JsonObject systemAccount(JsonObject json, String id) {
        for (Object o : json.getJsonArray("system_accounts")) {
            if (((JsonObject) o).getString("id").equals(id)) return (JsonObject) o;
        }
        throw new AssertionError(id);
    }

    private static void assertMentions(Exception e, String... parts) {
        assertNotNull(e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should name " + p);
    }

    @Test
    void aBadCurrencyKindIsNamed() throws IOException {
        IllegalArgumentException e = loadEdited(j -> currency(j, "MIE").put("kind", "gold_standard"));
        assertMentions(e, "currencies.kind", "gold_standard");
    }

    @Test
    void aBadMemberKindIsNamed() throws IOException {
        IllegalArgumentException holders = loadEdited(j -> currency(j, "MLC").getJsonArray("holders").add("tourist"));
        assertMentions(holders, "currencies.holders", "tourist");
        IllegalArgumentException limits = loadEdited(j -> currency(j, "MIE").getJsonObject("default_limits")
                .put("tourist", new JsonObject().put("floor", 0)));
        assertMentions(limits, "default_limits", "tourist");
        IllegalArgumentException allowed = loadEdited(j -> j.getJsonArray("conversions").getJsonObject(0)
                .getJsonArray("allowed").add("tourist"));
        assertMentions(allowed, "conversions.allowed", "tourist");
    }

    @Test
    void anUnknownRoleIsNamed() throws IOException {
        IllegalArgumentException e = loadEdited(j -> systemAccount(j, "mlc:fees").put("role", "treasure"));
        assertMentions(e, "system_accounts.role", "treasure");
    }

    @Test
    void aMissingSystemAccountIsNamed() throws IOException {
        IllegalArgumentException reserve = loadEdited(j -> remove(j, "eur:reserve"));
        assertMentions(reserve, "missing system account", "euro_reserve", "EUR");
        IllegalArgumentException issuance = loadEdited(j -> remove(j, "mlc:issuance"));
        assertMentions(issuance, "missing system account", "issuance", "MLC");
        IllegalArgumentException pool = loadEdited(j -> remove(j, "mlc:conversion"));
        assertMentions(pool, "missing system account", "conversion_pool", "MLC");
    }

    private static void remove(JsonObject json, String id) {
        JsonArray accounts = json.getJsonArray("system_accounts");
        JsonArray kept = new JsonArray();
        for (Object o : accounts) {
            if (!((JsonObject) o).getString("id").equals(id)) kept.add(o);
        }
        assertEquals(accounts.size() - 1, kept.size());
        json.put("system_accounts", kept);
    }

    @Test
    void otherMistakesAreRefusedToo() throws IOException {
        assertMentions(loadEdited(j -> j.remove("currencies")), "missing currencies");
        assertMentions(loadEdited(j -> j.put("recent_transfers_capacity", 3000)), "recent_transfers_capacity");
        assertMentions(loadEdited(j -> j.put("payment_request_retention_days", 0)), "payment_request_retention_days");
        assertMentions(loadEdited(j -> systemAccount(j, "eur:reserve").put("floor", 5)), "eur:reserve");
        assertMentions(loadEdited(j -> j.getJsonArray("conversions").getJsonObject(0).put("to", "GBP")), "GBP");
        assertMentions(loadEdited(j -> systemAccount(j, "mlc:fees").put("id", "mie:fees")), "mie:fees");
    }

    @Test
    void anUnreadableOrMalformedFileIsRefusedWithItsPath() throws IOException {
        Path missing = dir.resolve("nope.json");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> LedgerConfigFile.load(missing)),
                "cannot read", "nope.json");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"currencies\": [");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> LedgerConfigFile.load(broken)),
                "broken.json");
    }
}
