package io.waybill.carriers.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * JSON over HTTP POST for carrier proxies, with the error rules every adapter shares: timeouts,
 * connection failures, HTTP 429 and 5xx, and non-JSON answers (carriers' HTML error pages) are
 * retryable; other 4xx are not and carry the carrier's own message when its body has one. Every
 * message goes through {@link CarrierAccount#redact(String)}; request bodies (which hold credentials)
 * are never put into messages. Retries, circuit breakers and rate limits are the caller's business.
 *
 * <p>Account settings read here: {@code timeoutMs} (per request, default 10000) and
 * {@code connectTimeoutMs} (default 5000).
 */
public final class JsonHttp {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final CarrierAccount account;
    private final String prefix;
    private final HttpClient client;
    private final Duration timeout;

    public JsonHttp(CarrierAccount account) {
        this.account = account;
        this.prefix = account.carrier().toUpperCase(Locale.ROOT);
        this.timeout = Duration.ofMillis(Long.parseLong(account.get("timeoutMs", "10000")));
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(Long.parseLong(account.get("connectTimeoutMs", "5000"))))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * POSTs {@code body} as JSON and returns the parsed answer of a 2xx response.
     *
     * @param errorMessage finds the carrier's explanation in an error body (empty when it has none)
     */
    public JsonNode post(URI uri, JsonNode body, Function<JsonNode, Optional<String>> errorMessage)
            throws CarrierException {
        String json;
        try {
            json = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request body cannot be written", e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            // No connection, so nothing was sent: the carrier certainly did nothing.
            throw new CarrierException(prefix + "_UNAVAILABLE", "Cannot connect to " + account.carrier() + " ("
                    + uri.getPath() + "): " + e.getClass().getSimpleName(), true, e);
        } catch (HttpTimeoutException e) {
            throw new CarrierException(prefix + "_TIMEOUT", "No answer from " + account.carrier() + " within "
                    + timeout.toMillis() + " ms (" + uri.getPath() + ")", true, true, e);
        } catch (IOException e) {
            // A reset or a closed connection after the request went out: the carrier may have acted on it.
            throw new CarrierException(prefix + "_UNAVAILABLE", "Cannot reach " + account.carrier() + " ("
                    + uri.getPath() + "): " + account.redact(e.getClass().getSimpleName()), true, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierException(prefix + "_INTERRUPTED", "Interrupted while calling " + account.carrier(), true,
                    true, e);
        }
        int status = response.statusCode();
        Optional<JsonNode> parsed = parse(response.body());
        if (status == 429) {
            throw new CarrierException(prefix + "_HTTP_429", account.carrier() + " answered HTTP 429 (too many requests)",
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500) {
            // A gateway timeout means a proxy gave up waiting; the carrier behind it may still have booked.
            throw new CarrierException(prefix + "_HTTP_" + status, account.carrier() + " answered HTTP " + status
                    + parsed.flatMap(errorMessage).map(m -> ": " + account.redact(m)).orElse(""), true, status == 504,
                    null);
        }
        if (status >= 400) {
            throw new CarrierException(prefix + "_HTTP_" + status, parsed.flatMap(errorMessage).map(account::redact)
                    .orElse(account.carrier() + " refused the request with HTTP " + status), false);
        }
        if (status >= 300) {
            throw new CarrierException(prefix + "_HTTP_" + status, account.carrier() + " answered HTTP " + status
                    + " (a redirect: check the base URL setting)", false);
        }
        return parsed.orElseThrow(() -> new CarrierException(prefix + "_BAD_RESPONSE", account.carrier()
                + " answered HTTP " + status + " without JSON (" + uri.getPath() + ")", true));
    }

    /**
     * A {@code Retry-After} value (RFC 9110: delay in seconds or an HTTP date) as a duration from now;
     * null when absent or unreadable.
     */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                java.time.ZonedDateTime at = java.time.ZonedDateTime.parse(value.trim(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(java.time.Instant.now(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The account's text with secrets removed; for adapters building messages from carrier answers. */
    public String redact(String text) {
        return account.redact(text);
    }

    private static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
