package fr.mlml.ledger.config;

import fr.mlml.ledger.core.ConversionPolicy;
import fr.mlml.ledger.core.CurrencyKind;
import fr.mlml.ledger.core.CurrencyPolicy;
import fr.mlml.ledger.core.LedgerConfig;
import fr.mlml.ledger.core.Limits;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.SystemAccount;
import fr.mlml.ledger.core.SystemRole;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code config/ledger.json} (currencies, system accounts, conversion pairs) into the core's
 * {@link LedgerConfig}. Any mistake stops the start with a message naming the field: a ledger must not run on a
 * half-understood configuration. In the file, a null floor or ceiling means none.
 */
public final class LedgerConfigFile {
    public static final Path DEFAULT_PATH = Path.of("config", "ledger.json");

    private LedgerConfigFile() {
    }

    public static LedgerConfig load(Path path) {
        try {
            return parse(new JsonObject(Files.readString(path)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** The configuration shipped in {@code config/ledger.json}, also packaged in the jar for tests and tools. */
    public static LedgerConfig defaults() {
        return parse(packaged());
    }

    /** The FEC chart shipped in {@code config/ledger.json}, for {@link #defaults()}. */
    public static FecChart defaultChart() {
        JsonObject json = packaged();
        return FecChart.of(json.getJsonObject("fec"), parse(json));
    }

    private static JsonObject packaged() {
        try (var in = LedgerConfigFile.class.getResourceAsStream("/config/ledger.json")) {
            if (in == null) return new JsonObject(Files.readString(DEFAULT_PATH));
            return new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packaged config/ledger.json", e);
        }
    }

    public static LedgerConfig parse(JsonObject json) {
        List<CurrencyPolicy> currencies = new ArrayList<>();
        for (JsonObject c : objects(json, "currencies")) currencies.add(currency(c));
        List<SystemAccount> systemAccounts = new ArrayList<>();
        for (JsonObject a : objects(json, "system_accounts")) {
            systemAccounts.add(new SystemAccount(a.getString("id"), a.getString("currency"),
                    required(SystemRole.ofCode(a.getString("role")), "system_accounts.role", a.getString("role")),
                    limits(a)));
        }
        List<ConversionPolicy> conversions = new ArrayList<>();
        for (JsonObject p : objects(json, "conversions")) {
            JsonObject cap = p.getJsonObject("cap");
            conversions.add(new ConversionPolicy(p.getString("from"), p.getString("to"),
                    memberKinds(p.getJsonArray("allowed"), "conversions.allowed"), p.getInteger("fee_rate_bp"),
                    new ConversionPolicy.Cap(cap.getLong("amount"), cap.getInteger("window_days"))));
        }
        return new LedgerConfig(currencies, systemAccounts, conversions, json.getInteger("negative_period_days", 365),
                json.getInteger("recent_transfers_capacity", 1 << 20),
                json.getInteger("payment_request_retention_days", LedgerConfig.DEFAULT_PAYMENT_REQUEST_RETENTION_DAYS));
    }

    private static CurrencyPolicy currency(JsonObject c) {
        String code = c.getString("code");
        Map<MemberKind, Limits> defaults = new EnumMap<>(MemberKind.class);
        JsonObject limits = c.getJsonObject("default_limits", new JsonObject());
        for (String kind : limits.fieldNames()) {
            defaults.put(required(MemberKind.ofCode(kind), "default_limits", kind), limits(limits.getJsonObject(kind)));
        }
        return new CurrencyPolicy(code, c.getInteger("scale"),
                required(CurrencyKind.ofCode(c.getString("kind")), "currencies.kind", c.getString("kind")),
                memberKinds(c.getJsonArray("holders"), "currencies.holders"), defaults,
                c.getLong("max_amount", CurrencyPolicy.DEFAULT_MAX_AMOUNT),
                c.getInteger("ceiling_probes_per_day", CurrencyPolicy.DEFAULT_CEILING_PROBES_PER_DAY));
    }

    private static Limits limits(JsonObject o) {
        Long floor = o.getLong("floor");
        Long ceiling = o.getLong("ceiling");
        return new Limits(floor == null ? Limits.NO_FLOOR : floor, ceiling == null ? Limits.NO_CEILING : ceiling);
    }

    private static Set<MemberKind> memberKinds(JsonArray array, String field) {
        Set<MemberKind> kinds = EnumSet.noneOf(MemberKind.class);
        for (Object o : array) kinds.add(required(MemberKind.ofCode((String) o), field, o));
        return kinds;
    }

    private static List<JsonObject> objects(JsonObject json, String field) {
        JsonArray array = json.getJsonArray(field);
        if (array == null) throw new IllegalArgumentException("missing " + field);
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) out.add(array.getJsonObject(i));
        return out;
    }

    private static <T> T required(T value, String field, Object given) {
        if (value == null) throw new IllegalArgumentException(field + ": unknown value " + given);
        return value;
    }
}
