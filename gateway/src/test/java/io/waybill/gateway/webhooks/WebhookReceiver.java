package io.waybill.gateway.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's webhook endpoint, as a partner would write it: verifies the signature, and applies each event once
 * (de-duplicating by CloudEvent id, since deliveries are at least once). How it answers is up to the test:
 * {@link Behaviour} gets the event and how often this id was seen, and returns a status or sleeps first.
 */
final class WebhookReceiver {

    /** What the endpoint does with one request: the status to answer, after an optional delay. */
    record Answer(int status, long delayMillis) {
        static Answer ok() {
            return new Answer(200, 0);
        }
    }

    @FunctionalInterface
    interface Behaviour extends BiFunction<JsonNode, Integer, Answer> {
    }

    /** One request as it arrived. */
    record Received(String eventId, String subject, JsonNode event, boolean signatureValid, int answered,
            Instant at) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> applied = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String endpoint) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + endpoint;
    }

    void behave(String endpoint, Behaviour behaviour) {
        behaviours.put(endpoint, behaviour);
    }

    void secret(String endpoint, String secret) {
        secrets.put(endpoint, secret);
    }

    List<Received> received(String endpoint) {
        return List.copyOf(received.getOrDefault(endpoint, List.of()));
    }

    /** Event ids applied (answered 2xx the first time), in the order they were applied. */
    List<String> applied(String endpoint) {
        synchronized (applied) {
            return new ArrayList<>(applied.getOrDefault(endpoint, Set.of()));
        }
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String endpoint = exchange.getRequestURI().getPath().substring(1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode event = JSON.readTree(body);
            String id = event.path("id").asText();
            boolean valid = verify(secrets.get(endpoint), exchange.getRequestHeaders().getFirst("Waybill-Signature"),
                    body, exchange.getRequestHeaders().getFirst("Content-Type"));
            int attempt = seen.computeIfAbsent(endpoint + "/" + id, key -> new AtomicInteger()).incrementAndGet();
            Answer answer = valid
                    ? behaviours.getOrDefault(endpoint, (e, n) -> Answer.ok()).apply(event, attempt)
                    : new Answer(401, 0);
            Received record = new Received(id, event.path("subject").asText(), event, valid, answer.status(),
                    Instant.now());
            received.computeIfAbsent(endpoint, key -> new CopyOnWriteArrayList<>()).add(record);
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            if (answer.status() / 100 == 2) {
                synchronized (applied) {
                    // The partner's de-duplication: a redelivered id is acknowledged but not applied again.
                    applied.computeIfAbsent(endpoint, key -> new LinkedHashSet<>()).add(id);
                }
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (IOException e) {
            // The gateway gave up (timeout) before the answer: nothing to send.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The partner's check: t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">, recent, structured CloudEvent JSON. */
    static boolean verify(String secret, String header, byte[] body, String contentType) {
        if (secret == null || header == null || contentType == null
                || !contentType.startsWith("application/cloudevents+json")) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || Math.abs(Long.parseLong(t) - Instant.now().getEpochSecond()) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
