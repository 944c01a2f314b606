package fr.mlml.ledger.api;

import fr.mlml.ledger.core.AccountStatus;
import fr.mlml.ledger.core.MemberKind;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.TransferStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenAPI document served at {@code GET /openapi.yaml} describes exactly the routes of DESIGN.md §6, and is
 * self-consistent: unique operation ids, a summary and a success answer for every operation, a 401 wherever a
 * token is needed, no dangling {@code $ref}, closed request bodies, and the same codes and enums as the core.
 */
class OpenApiDocumentTest {

    /** DESIGN.md §6, one line per (method, path). */
    private static final List<String> ROUTES = List.of(
            "POST /v1/members",
            "GET /v1/members/{id}",
            "PATCH /v1/members/{id}",
            "POST /v1/members/{id}/signing-keys",
            "GET /v1/members/{id}/signing-keys",
            "DELETE /v1/members/{id}/signing-keys/{key_id}",
            "POST /v1/members/{id}/tokens",
            "GET /v1/members/{id}/tokens",
            "POST /v1/tokens",
            "DELETE /v1/tokens/{token_id}",
            "POST /v1/members/{id}/enrollments",
            "POST /v1/enrollments",
            "GET /v1/directory",
            "POST /v1/accounts",
            "GET /v1/accounts/{id}",
            "PATCH /v1/accounts/{id}",
            "POST /v1/transfers",
            "GET /v1/transfers/{id}",
            "POST /v1/transfers/{id}/post",
            "POST /v1/transfers/{id}/void",
            "POST /v1/payment-requests",
            "GET /v1/payment-requests/{id}",
            "GET /v1/payment-requests/{id}/payable",
            "GET /v1/payment-requests/{id}/qr.svg",
            "POST /v1/conversions",
            "POST /v1/issuances",
            "GET /v1/accounts/{id}/transfers",
            "GET /v1/accounts/{id}/balance",
            "GET /v1/accounts/{id}/statement",
            "GET /v1/members",
            "GET /v1/accounts",
            "GET /v1/accounts/{id}/changes",
            "GET /v1/reconciliation",
            "GET /v1/audit/chain",
            "GET /v1/audit/verify",
            "GET /v1/audit/export",
            "GET /v1/export/journal",
            "GET /v1/export/fec",
            "GET /v1/events",
            "GET /v1/events/stream",
            "POST /v1/webhooks",
            "GET /v1/webhooks",
            "GET /v1/webhooks/{id}",
            "PATCH /v1/webhooks/{id}",
            "DELETE /v1/webhooks/{id}",
            "GET /v1/webhooks/{id}/deliveries",
            "POST /v1/webhooks/{id}/test",
            "POST /v1/webhooks/{id}/replay",
            "GET /v1/webhook-keys",
            "GET /health",
            "GET /ready",
            "GET /metrics",
            "GET /openapi.yaml");

    /** Routes anyone may call without a token. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/health", "/ready", "/openapi.yaml", "/v1/webhook-keys",
            "/v1/enrollments");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Codes beyond the core's that the HTTP layer answers with (DESIGN.md §6). */
    private static final List<String> HTTP_CODES = List.of("unauthorized", "forbidden", "bad_signature",
            "invalid_request", "not_found", "too_large", "rate_limited", "too_many_rejections", "overloaded");

    /** The rejection codes DESIGN.md §6 lists. */
    private static final List<String> DESIGN_CODES = List.of("unknown_account", "currency_mismatch", "same_account",
            "invalid_amount", "exceeds_floor", "exceeds_ceiling", "account_frozen", "account_closed", "not_permitted",
            "exists_with_different_fields", "linked_failed", "payment_request_mismatch", "pending_not_found",
            "pending_already_resolved", "pending_expired", "conversion_not_allowed", "conversion_cap_exceeded",
            "conversion_pool_insufficient");

    private static Map<String, Object> doc;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is on the classpath");
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            doc = map(new Yaml(options).load(in), "document");
        }
    }

    @Test
    void isOpenApi31WithInfoAndServer() {
        assertTrue(String.valueOf(doc.get("openapi")).startsWith("3.1"), "openapi: " + doc.get("openapi"));
        Map<String, Object> info = map(doc.get("info"), "info");
        assertEquals("mlml-ledger", info.get("title"));
        assertEquals("1", String.valueOf(info.get("version")));
        assertInstanceOf(String.class, info.get("description"));
        List<Object> servers = list(doc.get("servers"), "servers");
        assertEquals("http://localhost:8080", map(servers.get(0), "server").get("url"));
        Map<String, Object> schemes = map(map(doc.get("components"), "components").get("securitySchemes"), "schemes");
        Map<String, Object> bearer = map(schemes.get("bearerAuth"), "bearerAuth");
        assertEquals("http", bearer.get("type"));
        assertEquals("bearer", bearer.get("scheme"));
    }

    @Test
    void routesAreExactlyThoseOfTheDesign() {
        Set<String> actual = new TreeSet<>(operations().keySet());
        Set<String> expected = new TreeSet<>(ROUTES);
        assertEquals(ROUTES.size(), expected.size(), "no route listed twice");
        assertEquals(expected, actual);
    }

    @Test
    void everyOperationHasUniqueIdSummaryAndSuccess() {
        Set<String> ids = new HashSet<>();
        operations().forEach((route, op) -> {
            Object id = op.get("operationId");
            assertInstanceOf(String.class, id, route + " has an operationId");
            assertTrue(ids.add((String) id), "operationId " + id + " is unique");
            assertTrue(op.get("summary") instanceof String s && !s.isBlank(), route + " has a summary");
            assertTrue(op.get("description") instanceof String d && d.contains("Roles"), route + " says who may call it");
            Map<String, Object> responses = map(op.get("responses"), route + " responses");
            assertTrue(responses.keySet().stream().anyMatch(s -> s.startsWith("2")), route + " has a 2xx answer");
        });
    }

    @Test
    void tokenRoutesAnswer401AndPublicRoutesNeedNoToken() {
        List<Object> global = list(doc.get("security"), "security");
        assertFalse(global.isEmpty(), "a bearer token is required by default");
        operations().forEach((route, op) -> {
            String path = route.substring(route.indexOf(' ') + 1);
            Map<String, Object> responses = map(op.get("responses"), route + " responses");
            if (PUBLIC_PATHS.contains(path)) {
                assertEquals(List.of(), op.get("security"), route + " is public");
            } else {
                assertFalse(op.containsKey("security") && list(op.get("security"), "security").isEmpty(),
                        route + " needs a token");
                assertTrue(responses.containsKey("401"), route + " answers 401");
                assertTrue(responses.containsKey("429"), route + " answers 429");
            }
        });
    }

    @Test
    void everyRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), "local $ref: " + ref);
            assertNotNull(resolvePointer(ref), "$ref resolves: " + ref);
        }
    }

    @Test
    void requestBodiesAreClosedObjects() {
        operations().forEach((route, op) -> {
            if (!op.containsKey("requestBody")) return;
            Map<String, Object> content = map(map(op.get("requestBody"), route).get("content"), route + " content");
            assertFalse(content.isEmpty(), route + " request body has a media type");
            for (Map.Entry<String, Object> media : content.entrySet()) {
                Object schema = map(media.getValue(), route).get("schema");
                assertNotNull(schema, route + " request body has a schema");
                checkClosed(schema, route + " " + media.getKey(), new HashSet<>());
            }
        });
    }

    @Test
    void errorResponsesAreProblems() {
        Map<String, Object> responses = map(map(doc.get("components"), "components").get("responses"), "responses");
        for (String name : List.of("InvalidRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict",
                "TooLarge", "RateLimited", "Overloaded")) {
            Map<String, Object> r = map(responses.get(name), name);
            Map<String, Object> content = map(r.get("content"), name + " content");
            Map<String, Object> problem = map(content.get("application/problem+json"), name + " problem+json");
            assertEquals("#/components/schemas/Problem", map(problem.get("schema"), name).get("$ref"));
        }
        for (String name : List.of("RateLimited", "Overloaded")) {
            Map<String, Object> headers = map(map(responses.get(name), name).get("headers"), name + " headers");
            assertTrue(headers.containsKey("Retry-After"), name + " has Retry-After");
        }
    }

    @Test
    void problemCodesCoverDesignHttpAndCoreCodes() {
        Map<String, Object> problem = schema("Problem");
        Map<String, Object> props = map(problem.get("properties"), "Problem properties");
        for (String f : List.of("type", "title", "status", "detail", "instance", "code", "field")) {
            assertTrue(props.containsKey(f), "Problem." + f);
        }
        List<Object> examples = list(schema("Code").get("examples"), "Code examples");
        Set<String> codes = examples.stream().map(String::valueOf).collect(Collectors.toSet());
        String description = String.valueOf(schema("Code").get("description"));
        List<String> expected = new ArrayList<>(DESIGN_CODES);
        expected.addAll(HTTP_CODES);
        for (ResultCode rc : ResultCode.values()) {
            if (rc != ResultCode.OK) expected.add(ResultStatus.code(rc)); // "ok" is never an error; as clients see it
        }
        for (String code : expected) {
            assertTrue(codes.contains(code), "Code lists " + code);
            assertTrue(description.contains("`" + code + "`"), "Code documents " + code);
        }
    }

    @Test
    void enumsMatchTheCore() {
        assertEquals(Arrays.stream(MemberKind.values()).map(k -> k.code).toList(), enumOf(schema("MemberKind")));
        assertEquals(Arrays.stream(AccountStatus.values()).map(s -> s.code).toList(), enumOf(schema("AccountStatus")));
        assertEquals(Arrays.stream(TransferStatus.values()).filter(s -> s != TransferStatus.REJECTED)
                .map(s -> s.code).toList(), enumOf(schema("TransferStatus")));
        assertEquals(List.of("created", "exists", "rejected"), enumOf(schema("ResultStatus")));
    }

    @Test
    void transfersRequestIsBoundedAndSigned() {
        Map<String, Object> req = schema("TransfersRequest");
        Map<String, Object> transfers = map(map(req.get("properties"), "props").get("transfers"), "transfers");
        assertEquals(1, transfers.get("minItems"));
        assertEquals(1000, transfers.get("maxItems"));
        assertTrue(list(req.get("required"), "required").containsAll(List.of("transfers", "key_id", "signature")));
        Map<String, Object> amount = schema("Amount");
        assertEquals("int64", amount.get("format"));
        assertEquals(1, amount.get("minimum"));
        assertEquals("^[a-z0-9][a-z0-9:._-]{0,63}$", schema("Id").get("pattern"));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** "METHOD /path" → operation, in document order. */
    private static Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> ops = new LinkedHashMap<>();
        map(doc.get("paths"), "paths").forEach((path, item) -> map(item, path).forEach((key, op) -> {
            if (METHODS.contains(key)) ops.put(key.toUpperCase() + " " + path, map(op, key + " " + path));
        }));
        return ops;
    }

    private static Map<String, Object> schema(String name) {
        Map<String, Object> schemas = map(map(doc.get("components"), "components").get("schemas"), "schemas");
        return map(schemas.get(name), "schema " + name);
    }

    private static List<String> enumOf(Map<String, Object> schema) {
        return list(schema.get("enum"), "enum").stream().map(String::valueOf).toList();
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("$ref".equals(k)) refs.add(String.valueOf(v));
                else collectRefs(v, refs);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collectRefs(v, refs));
        }
    }

    /** The node a local JSON Pointer names, or null. */
    private static Object resolvePointer(String ref) {
        Object node = doc;
        for (String raw : ref.substring(2).split("/", -1)) {
            String token = raw.replace("~1", "/").replace("~0", "~");
            if (node instanceof Map<?, ?> m && m.containsKey(token)) node = m.get(token);
            else if (node instanceof List<?> l && token.matches("\\d+") && Integer.parseInt(token) < l.size()) {
                node = l.get(Integer.parseInt(token));
            } else return null;
        }
        return node;
    }

    private static Map<String, Object> deref(Object schema, String where) {
        Map<String, Object> s = map(schema, where);
        while (s.containsKey("$ref")) {
            Object target = resolvePointer(String.valueOf(s.get("$ref")));
            assertNotNull(target, where + ": " + s.get("$ref"));
            s = map(target, where);
        }
        return s;
    }

    /** Every object schema reachable from a request body, nested ones included, refuses unknown members. */
    private static void checkClosed(Object schema, String where, Set<Object> seen) {
        Map<String, Object> s = deref(schema, where);
        if (!seen.add(s)) return;
        boolean object = "object".equals(s.get("type")) || s.containsKey("properties");
        if (object) {
            assertEquals(Boolean.FALSE, s.get("additionalProperties"), where + ": additionalProperties: false");
            map(s.getOrDefault("properties", Map.of()), where).forEach((name, prop) ->
                    checkClosed(prop, where + "." + name, seen));
        }
        if ("array".equals(s.get("type")) && s.get("items") != null) checkClosed(s.get("items"), where + "[]", seen);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            if (s.get(combinator) instanceof List<?> parts) {
                for (Object part : parts) checkClosed(part, where + " " + combinator, seen);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> m)) {
            fail(what + " is a mapping, not " + node);
            return null;
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) fail(what + ": key " + k + " must be a string (quote status codes)");
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node, String what) {
        if (!(node instanceof List<?>)) fail(what + " is a sequence, not " + node);
        return (List<Object>) node;
    }
}
