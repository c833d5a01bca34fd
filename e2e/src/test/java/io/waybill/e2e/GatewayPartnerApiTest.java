package io.waybill.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.PublicEventType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What partners get from the gateway, against the real suite: signed CloudEvents on their webhook endpoint, for
 * their tenant only, and one OpenAPI document that covers every service's public API.
 */
class GatewayPartnerApiTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String VALIDATED = PublicEventType.SHIPMENT_VALIDATED.cloudEventType();
    static final String LABELLED = PublicEventType.LABEL_GENERATED.cloudEventType();
    static final List<String> SERVICES = List.of("order-service", "label-service", "tracking-service",
            "returns-service", "fulfillment-service");

    static LocalSuite suite;
    static HttpServer receiver;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    /** One POST as the partner's endpoint got it. */
    record Delivery(String endpoint, String signature, String contentType, byte[] body, JsonNode event) {
    }

    @BeforeAll
    static void start() throws Exception {
        suite = LocalSuite.shared();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", GatewayPartnerApiTest::receive);
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    private static void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode event = ContractsJson.mapper().readTree(body);
        deliveries.add(new Delivery(exchange.getRequestURI().getPath().substring(1),
                exchange.getRequestHeaders().getFirst("Waybill-Signature"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, event));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    @Test
    void aTenantsShipmentReachesItsWebhookEndpointAsSignedCloudEventsInOrderAndNoOtherTenants() throws Exception {
        String acme = WalkingSkeletonTest.token("erp-acme", "erp-acme-secret");
        String globex = WalkingSkeletonTest.token("erp-globex", "erp-globex-secret");
        String acmeEndpoint = "acme-" + UUID.randomUUID();
        String globexEndpoint = "globex-" + UUID.randomUUID();
        String acmeSecret = subscribe(acme, acmeEndpoint);
        String globexSecret = subscribe(globex, globexEndpoint);
        assertThat(acmeSecret).isNotEqualTo(globexSecret);

        String acmeShipment = createShipment(acme);
        String globexShipment = createShipment(globex);

        List<Delivery> acmes = await(acmeEndpoint, acmeShipment, 2);
        assertThat(acmes).extracting(d -> d.event().path("type").asText()).containsExactly(VALIDATED, LABELLED);
        for (Delivery delivery : acmes) {
            assertThat(delivery.contentType()).startsWith("application/cloudevents+json");
            assertThat(delivery.event().path("specversion").asText()).isEqualTo("1.0");
            assertThat(delivery.event().path("subject").asText()).isEqualTo(acmeShipment);
            assertThat(delivery.event().path("tenant").asText()).isEqualTo("acme");
            assertThat(delivery.event().path("id").asText()).isNotBlank();
            assertThat(delivery.event().path("data").isObject()).isTrue();
            assertThat(signatureValid(delivery, acmeSecret)).as("signature with the secret of the subscription").isTrue();
            assertThat(signatureValid(delivery, globexSecret)).as("signature with another tenant's secret").isFalse();
        }
        assertThat(acmes.get(1).event().path("data").path("trackingNumber").asText()).isNotBlank();

        // globex's subscription works (its own shipment arrives, signed with its own secret) ...
        List<Delivery> globexes = await(globexEndpoint, globexShipment, 2);
        assertThat(globexes).allMatch(d -> signatureValid(d, globexSecret));
        assertThat(globexes).allMatch(d -> d.event().path("tenant").asText().equals("globex"));
        // ... and, by the time it has, nothing of acme's shipment has gone to it, nor anything of globex's to acme.
        assertThat(deliveries).filteredOn(d -> d.endpoint().equals(globexEndpoint))
                .allMatch(d -> d.event().path("tenant").asText().equals("globex"))
                .noneMatch(d -> d.event().path("subject").asText().equals(acmeShipment));
        assertThat(deliveries).filteredOn(d -> d.endpoint().equals(acmeEndpoint))
                .allMatch(d -> d.event().path("tenant").asText().equals("acme"));
    }

    @Test
    void theMergedOpenApiDocumentHasEveryPublicPathOfEveryService() throws Exception {
        JsonNode merged = json(get(suite.url("gateway") + "/openapi"));
        JsonNode gatewayOwn = json(get(suite.url("gateway") + "/q/openapi?format=json"));
        Set<String> known = new TreeSet<>(names(gatewayOwn.path("paths")));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String service : SERVICES) {
            JsonNode own = json(get(suite.url(service) + "/q/openapi?format=json"));
            for (String path : names(own.path("paths"))) {
                known.add(path);
                if (!path.startsWith("/api/v1/")) {
                    continue;
                }
                checked++;
                JsonNode mergedPath = merged.path("paths").path(path);
                if (mergedPath.isMissingNode()) {
                    missing.add(service + " " + path);
                    continue;
                }
                for (String method : names(own.path("paths").path(path))) {
                    if (!mergedPath.has(method)) {
                        missing.add(service + " " + method.toUpperCase() + " " + path);
                    }
                }
            }
        }
        assertThat(checked).as("public paths found in the services' documents").isGreaterThan(20);
        assertThat(missing).as("service operations missing from GET /openapi").isEmpty();
        // And nothing in it that no service (nor the gateway itself) serves.
        assertThat(names(merged.path("paths"))).isNotEmpty().allMatch(known::contains);
        assertThat(merged.path("paths").has("/api/v1/webhook-subscriptions")).isTrue();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Subscribes the receiver's endpoint to the two event types; returns the signing secret, shown only here. */
    private static String subscribe(String token, String endpoint) throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + endpoint;
        String body = ContractsJson.mapper().writeValueAsString(java.util.Map.of("url", url,
                "eventTypes", List.of(VALIDATED, LABELLED), "description", "e2e receiver"));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(suite.url("gateway")
                        + "/api/v1/webhook-subscriptions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = json(created.body()).path("secret").asText();
        assertThat(secret).isNotBlank();
        return secret;
    }

    private static String createShipment(String token) throws Exception {
        String reference = "E2E-HOOK-" + UUID.randomUUID();
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(suite.url("gateway") + "/api/v1/shipments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", reference)
                .POST(HttpRequest.BodyPublishers.ofString(WalkingSkeletonTest.shipment(reference))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body()).get("id").asText();
    }

    /** The endpoint's deliveries about one shipment, once there are {@code count} of them (60 s at most). */
    private static List<Delivery> await(String endpoint, String shipment, int count) throws InterruptedException {
        Predicate<Delivery> about = d -> d.endpoint().equals(endpoint) && d.event().path("subject").asText().equals(shipment);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline
                && deliveries.stream().filter(about).map(d -> d.event().path("id").asText()).distinct().count() < count) {
            Thread.sleep(200);
        }
        // At least once: a repeated delivery (same CloudEvent id) is what a partner drops.
        Set<String> ids = new java.util.HashSet<>();
        List<Delivery> got = deliveries.stream().filter(about).filter(d -> ids.add(d.event().path("id").asText())).toList();
        assertThat(got).as("deliveries to %s about %s", endpoint, shipment).hasSize(count);
        return got;
    }

    /** The check a partner makes: {@code t=<seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}, recent. */
    static boolean signatureValid(Delivery delivery, String secret) {
        if (delivery.signature() == null) {
            return false;
        }
        String timestamp = null;
        String v1 = null;
        for (String part : delivery.signature().split(",")) {
            if (part.startsWith("t=")) {
                timestamp = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (timestamp == null || v1 == null
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(delivery.body());
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)));
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws IOException {
        return ContractsJson.mapper().readTree(body);
    }
}
