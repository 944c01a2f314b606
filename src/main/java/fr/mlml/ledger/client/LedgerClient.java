package fr.mlml.ledger.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger's HTTP API for a member's software (README "The client library"): typed calls for what a member does,
 * {@link #call} for any other route. Money-moving calls are signed with the {@link Signer}. Retries are safe by
 * construction: a request whose effect has an id the caller chose (transfers, conversions, holds' capture and void,
 * payment requests) or that changes nothing (reads) is sent again, the same bytes, on a network fault, and any
 * request on 429 or 503 (refused before it was taken), honouring {@code Retry-After}; the ledger answers a repeated
 * transfer {@code exists}, which {@link TransferResult#done()} counts as done. Thread-safe.
 */
public final class LedgerClient {
    /** The most transfers one signed request carries: {@link #pay} splits longer lists. */
    public static final int MAX_BATCH = 1_000;

    /** How often and how long to retry: attempts in all, the first and the longest pause, one request's timeout. */
    public record Retries(int attempts, Duration firstPause, Duration longestPause, Duration requestTimeout) {
        public static final Retries DEFAULT = new Retries(8, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(40));
    }

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final Signer signer;
    private final Retries retries;

    /** {@code signer} may be null for software that only reads. */
    public LedgerClient(URI base, String token, Signer signer) {
        this(base, token, signer, Retries.DEFAULT);
    }

    public LedgerClient(URI base, String token, Signer signer, Retries retries) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.token = token;
        this.signer = signer;
        this.retries = retries;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // ---- money ----

    /**
     * Sends the transfers, in signed batches of up to {@link #MAX_BATCH}, and answers each one's result in order.
     * Store the ids before calling: after any failure, calling again with the same list is safe.
     */
    @SuppressWarnings("unchecked")
    public List<TransferResult> pay(List<Transfer> transfers) {
        List<TransferResult> results = new ArrayList<>(transfers.size());
        for (int from = 0; from < transfers.size(); from += MAX_BATCH) {
            List<Object> batch = new ArrayList<>();
            for (Transfer t : transfers.subList(from, Math.min(transfers.size(), from + MAX_BATCH))) {
                batch.add(t.json());
            }
            Map<String, Object> answer = signed("POST", "v1/transfers", "transfers", body("transfers", batch));
            for (Object r : (List<Object>) answer.get("results")) {
                Map<String, Object> result = (Map<String, Object>) r;
                results.add(new TransferResult((String) result.get("id"), (String) result.get("status"),
                        (String) result.get("code"), (Map<String, Object>) result.get("transfer")));
            }
        }
        return results;
    }

    /** One transfer: {@link #pay} of a list of one. */
    public TransferResult pay(Transfer transfer) {
        return pay(List.of(transfer)).get(0);
    }

    /** A conversion (DESIGN: MLC↔MIE with {@code toAccount}, reconversion with {@code toCurrency} "EUR"). */
    public Map<String, Object> convert(String id, String fromAccount, String toAccount, String toCurrency, long amount,
                                       String reference) {
        Map<String, Object> body = body("id", id, "from_account", fromAccount, "amount", amount);
        if (toAccount != null) body.put("to_account", toAccount);
        if (toCurrency != null) body.put("to_currency", toCurrency);
        if (reference != null) body.put("reference", reference);
        return signed("POST", "v1/conversions", "conversion", body);
    }

    /** Captures a hold made to this member (all of it when {@code amount} is null). */
    public Map<String, Object> capture(String transferId, Long amount) {
        Map<String, Object> body = body("id", transferId);
        if (amount != null) body.put("amount", amount);
        return signed("POST", "v1/transfers/" + path(transferId) + "/post", "post", body);
    }

    /** Voids a hold, given back to its payer. */
    public Map<String, Object> voidHold(String transferId) {
        return signed("POST", "v1/transfers/" + path(transferId) + "/void", "void", body("id", transferId));
    }

    // ---- reading ----

    public Map<String, Object> account(String accountId) {
        return object(call("GET", "v1/accounts/" + path(accountId), null));
    }

    /** The account's balance now, in minor units. */
    public long balance(String accountId) {
        return (Long) account(accountId).get("balance");
    }

    /** The account's balance at an instant of the past (ISO 8601), in minor units. */
    public long balanceAt(String accountId, String instant) {
        return (Long) object(call("GET", "v1/accounts/" + path(accountId) + "/balance?as_of=" + query(instant), null))
                .get("balance");
    }

    /** The statement between two instants (ISO 8601; {@code to} null for now): opening, entries, closing. */
    public Map<String, Object> statement(String accountId, String from, String to) {
        return object(call("GET", "v1/accounts/" + path(accountId) + "/statement?format=json&from=" + query(from)
                + (to == null ? "" : "&to=" + query(to)), null));
    }

    /** A page of the account's history, newest first; pass the answer's {@code next} as {@code after}. */
    public Map<String, Object> history(String accountId, int limit, Long after) {
        return object(call("GET", "v1/accounts/" + path(accountId) + "/transfers?limit=" + limit
                + (after == null ? "" : "&after=" + after), null));
    }

    /** The statement between two instants (ISO 8601), as the CSV a spreadsheet opens. */
    public String statementCsv(String accountId, String from, String to) {
        return (String) call("GET", "v1/accounts/" + path(accountId) + "/statement?format=csv&from=" + query(from)
                + (to == null ? "" : "&to=" + query(to)), null);
    }

    public Map<String, Object> transfer(String id) {
        return object(call("GET", "v1/transfers/" + path(id), null));
    }

    // ---- being paid ----

    /** A payment request into one of this member's accounts; its {@code pay_url} is what the payer opens. */
    public Map<String, Object> requestPayment(String id, String creditAccount, long amount, String memo,
                                              long expiresInS) {
        Map<String, Object> body = body("id", id, "credit_account", creditAccount, "amount", amount,
                "expires_in_s", expiresInS);
        if (memo != null) body.put("memo", memo);
        try {
            return object(send("POST", "v1/payment-requests", Json.write(body), true, 201));
        } catch (LedgerException e) {
            // A retry after a lost answer finds its own request made: the same id, amount and account is that one.
            if (e.status() != 409) throw e;
            Map<String, Object> made = paymentRequest(id);
            if (!Long.valueOf(amount).equals(made.get("amount")) || !creditAccount.equals(made.get("credit_account"))) {
                throw e;
            }
            return made;
        }
    }

    /** What paying the request named by {@code ref} ({@code <member>~<id>}) means: payee, amount, account, status. */
    public Map<String, Object> payable(String ref) {
        return object(call("GET", "v1/payment-requests/" + path(ref) + "/payable", null));
    }

    /** A payment request's {@code pay_url} as a QR code (SVG), for the till that made it to show. */
    public String paymentRequestQr(String id) {
        return (String) call("GET", "v1/payment-requests/" + path(id) + "/qr.svg", null);
    }

    public Map<String, Object> paymentRequest(String id) {
        return object(call("GET", "v1/payment-requests/" + path(id), null));
    }

    /**
     * A page of this token's events after {@code after} (§ events), waiting up to {@code waitS} seconds for one when
     * none is there; {@code types} empty for all.
     */
    public Map<String, Object> events(long after, int limit, List<String> types, int waitS) {
        return object(call("GET", "v1/events?after=" + after + "&limit=" + limit + "&wait_s=" + waitS
                + (types.isEmpty() ? "" : "&types=" + query(String.join(",", types))), null));
    }

    // ---- any route ----

    /**
     * Any route: {@code path} with its query (no leading slash), the body as JSON values or null. Answers the
     * parsed JSON (or the text when the answer is not JSON); a refusal throws {@link LedgerException}. Retried on
     * network faults for GET only: for other methods use the typed calls, whose ids make retries safe.
     */
    public Object call(String method, String path, Map<String, Object> body) {
        return call(method, path, body, "GET".equals(method));
    }

    /**
     * {@link #call}, retried on network faults when {@code retrySafe}: only for a request the ledger recognises when
     * it comes again (a GET, or a body whose {@code id} it keeps, such as an issuance).
     */
    public Object call(String method, String path, Map<String, Object> body, boolean retrySafe) {
        return send(method, path, body == null ? null : Json.write(body), retrySafe, 0);
    }

    private Map<String, Object> signed(String method, String path, String operation, Map<String, Object> body) {
        if (signer == null) throw new IllegalStateException("this client has no signing key: money needs one");
        return object(send(method, path, Json.write(RequestSigning.sign(operation, body, signer)), true, 200));
    }

    /** Sends, retrying as the class says; the answer's JSON (or text) once its status is {@code expected}. */
    private Object send(String method, String path, String body, boolean idempotent, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(retries.requestTimeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> answer;
            try {
                // Decoded in the charset the answer names (the FEC's ISO-8859-15), UTF-8 when it names none.
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (!idempotent || attempt >= retries.attempts()) {
                    throw new LedgerException(0, "unreachable", "the ledger at " + base + " did not answer ("
                            + e + ") after " + attempt + " attempt(s)", null);
                }
                pause(backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerException(0, "interrupted", "interrupted while waiting for the ledger", null);
            }
            int status = answer.statusCode();
            if ((status == 429 || status == 503) && attempt < retries.attempts()) {
                pause(answer.headers().firstValue("Retry-After").map(this::seconds).orElse(backoff(attempt)));
                continue;
            }
            if (status >= 300 || expected != 0 && status != expected) throw problem(status, answer.body());
            return parsed(answer);
        }
    }

    private static Object parsed(HttpResponse<String> answer) {
        boolean json = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return json && !answer.body().isEmpty() ? Json.parse(answer.body()) : answer.body();
    }

    private static LedgerException problem(int status, String text) {
        try {
            Map<String, Object> p = Json.object(text);
            return new LedgerException(status, String.valueOf(p.get("code")), String.valueOf(p.get("detail")),
                    (String) p.get("field"));
        } catch (IllegalArgumentException notAProblem) {
            return new LedgerException(status, "http_" + status, text.length() > 200 ? text.substring(0, 200) : text,
                    null);
        }
    }

    private Duration backoff(int attempt) {
        long first = retries.firstPause().toMillis();
        long capped = Math.min(retries.longestPause().toMillis(), first << Math.min(attempt - 1, 20));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1)); // jitter
    }

    private Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.min(Long.parseLong(retryAfter.trim()), retries.longestPause().toSeconds()));
        } catch (NumberFormatException e) {
            return retries.firstPause();
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(0, "interrupted", "interrupted while waiting to retry", null);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json) {
        if (json instanceof Map) return (Map<String, Object>) json;
        throw new LedgerException(0, "unexpected_answer", "the ledger answered something else than an object", null);
    }

    static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) body.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return body;
    }

    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
