package io.waybill.gateway.webhooks.delivering;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.waybill.gateway.webhooks.ReceiverPolicy;
import io.waybill.gateway.webhooks.WebhooksConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One attempt: POST the structured-mode CloudEvent, signed, to the partner. Any 2xx is success; redirects are not
 * followed (a moved endpoint must be re-subscribed, the signature does not travel to another host).
 * <p>
 * The partner's host is resolved and every address checked by {@link ReceiverPolicy} right before the attempt, and
 * the connection goes to the checked address (Vert.x {@link RequestOptions#setServer}) while the Host header, TLS
 * server name and certificate check keep the partner's host name: no second lookup can swap in an inward address.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    static final String USER_AGENT = "Waybill-Webhooks/1";

    /** What became of one attempt; {@code error} is for the partner's eyes in the API, never holds secrets. */
    public record Outcome(boolean delivered, Integer statusCode, String error) {
    }

    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final HttpClient client;
    private final Duration timeout;
    private final ReceiverPolicy receivers;

    @Inject
    public WebhookSender(WebhooksConfig config, Vertx vertx) {
        this(vertx, config.delivery().timeout(), ReceiverPolicy.of(config), options -> {
        });
        if (config.allowInsecureLocalhost() && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn("waybill.webhooks.allow-insecure-localhost is on: partner webhooks may call loopback addresses"
                    + " of this host; meant for dev and tests only");
        }
    }

    /** {@code tls} adjusts the client's options, e.g. trust for a test receiver's certificate. */
    WebhookSender(Vertx vertx, Duration timeout, ReceiverPolicy receivers, Consumer<HttpClientOptions> tls) {
        this.timeout = timeout;
        this.receivers = receivers;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(false) // a connection per attempt: partners are many, attempts per partner rare
                .setVerifyHost(true)
                .setForceSni(true)
                .setMaxRedirects(0);
        tls.accept(options);
        this.client = vertx.createHttpClient(options);
    }

    Outcome send(String url, String deliveryId, String secret, byte[] payload, Instant now) {
        ReceiverPolicy.Target target;
        try {
            target = receivers.resolve(URI.create(url));
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Outcome(false, null, "invalid URL");
        } catch (UnknownHostException e) {
            return new Outcome(false, null, "host not found");
        } catch (ReceiverPolicy.Refused e) {
            return new Outcome(false, null, "refused: the URL " + e.getMessage());
        }
        URI uri = target.uri();
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setSsl(https)
                .setURI((uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .setServer(SocketAddress.inetSocketAddress(port, target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("User-Agent", USER_AGENT)
                .putHeader("Waybill-Delivery", deliveryId)
                .putHeader(WebhookSignature.HEADER, WebhookSignature.header(secret, now.getEpochSecond(), payload));
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Future<Integer> status = client.request(request).compose(r -> {
            sent.set(r);
            return r.send(Buffer.buffer(payload)).compose(WebhookSender::drained);
        });
        try {
            int code = status.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return code >= 200 && code < 300
                    ? new Outcome(true, code, null)
                    : new Outcome(false, code, "HTTP " + code);
        } catch (TimeoutException e) {
            HttpClientRequest inFlight = sent.get();
            if (inFlight != null) {
                inFlight.reset();
            }
            return new Outcome(false, null, "timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "interrupted (gateway shutting down)");
        }
    }

    /**
     * The status once the partner's body (ignored) has been read to its end. A short answer (a bare 503) can have
     * ended before this callback runs (seen once in CI as "I/O error: IllegalStateException"); the response is then
     * complete and Vert.x refuses a body handler with IllegalStateException, which is no failure of the attempt.
     */
    private static Future<Integer> drained(HttpClientResponse response) {
        int code = response.statusCode();
        try {
            response.handler(ignored -> {
            });
            return response.end().map(code);
        } catch (IllegalStateException alreadyRead) {
            return Future.succeededFuture(code);
        }
    }

    private Outcome failed(Throwable cause) {
        if (cause instanceof ConnectException) { // and its ConnectTimeoutException
            return new Outcome(false, null, "connection failed");
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return new Outcome(false, null, "TLS handshake failed");
        }
        if (cause instanceof TimeoutException) { // the request's idle timeout
            return new Outcome(false, null, "timed out after " + timeout.toMillis() + " ms");
        }
        // The class only, for the partner's eyes; the message may name internals, so it goes to the log.
        LOG.debugf(cause, "webhook attempt failed");
        return new Outcome(false, null, "I/O error: " + cause.getClass().getSimpleName());
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
