package io.waybill.gateway.webhooks.delivering;

import io.waybill.gateway.webhooks.WebhooksConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * One attempt: POST the structured-mode CloudEvent, signed, to the partner. Any 2xx is success; redirects are not
 * followed (a moved endpoint must be re-subscribed, the signature does not travel to another host).
 */
@ApplicationScoped
public class WebhookSender {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    static final String USER_AGENT = "Waybill-Webhooks/1";

    /** What became of one attempt; {@code error} is for the partner's eyes in the API, never holds secrets. */
    public record Outcome(boolean delivered, Integer statusCode, String error) {
    }

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(WebhooksConfig config) {
        this.timeout = config.delivery().timeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Outcome send(String url, String deliveryId, String secret, byte[] payload, Instant now) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", CONTENT_TYPE)
                    .header("User-Agent", USER_AGENT)
                    .header("Waybill-Delivery", deliveryId)
                    .header(WebhookSignature.HEADER, WebhookSignature.header(secret, now.getEpochSecond(), payload))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                    .build();
        } catch (IllegalArgumentException e) {
            return new Outcome(false, null, "invalid URL");
        }
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? new Outcome(true, status, null)
                    : new Outcome(false, status, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(false, null, "timed out after " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Outcome(false, null, "connection failed");
        } catch (IOException e) {
            return new Outcome(false, null, "I/O error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted (gateway shutting down)");
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
