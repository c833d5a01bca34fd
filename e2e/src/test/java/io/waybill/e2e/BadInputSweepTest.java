package io.waybill.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Topics;
import io.waybill.testing.TestKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's bad-input sweep: a generated corpus of malformed and hostile requests (wrong types,
 * huge and deeply nested bodies, invalid UTF-8, injection strings, negative and out-of-range
 * numbers, unknown fields, forged tokens, other tenants' ids, garbage path and query values)
 * against every public endpoint, through the gateway to the six real services.
 *
 * <p>What must hold: no 5xx; every 4xx is RFC 9457 problem+json; and nothing is written that was
 * not accepted — the number of shipments and ShipmentValidated events of the sweep's tenants grows
 * by exactly the number of 201s (a hostile value in a free-text field, or an optional field left out,
 * can be a valid request, and is then rightly accepted; unknown fields are refused, ADR 0009).
 */
class BadInputSweepTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int MINIMUM_CORPUS = 10_000;
    static LocalSuite suite;

    /** Values a hostile client puts where a field's value belongs. */
    static final List<JsonNode> HOSTILE_VALUES = hostileValues();
    /** Strings that stand for ids in paths: traversal, injection, encodings, sizes. */
    static final List<String> HOSTILE_IDS = List.of(
            "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "'%20OR%201%3D1--", "%3Cscript%3E", "%00", "%25ZZ",
            "x".repeat(3000), "%F0%9F%98%80", "null", "-1", "0", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%2Fa%7D",
            UUID.randomUUID().toString(), "shp_" + "9".repeat(40));

    record Probe(String kind, String method, String path, String token, String contentType, byte[] body, String signature,
            String accept) {
        Probe(String kind, String method, String path, String token, String contentType, byte[] body, String signature) {
            this(kind, method, path, token, contentType, body, signature, null);
        }

        Probe(String kind, String method, String path, String token, String contentType, byte[] body) {
            this(kind, method, path, token, contentType, body, null, null);
        }

        /** The public tracking page as a browser asks for it: its errors are pages for people, in HTML. */
        boolean browserPage() {
            return path.startsWith("/track/") && accept == null;
        }
    }

    record Outcome(Probe probe, int status, String contentType, String body) {
    }

    @BeforeAll
    static void startSuite() throws Exception {
        suite = LocalSuite.shared();
    }

    @Test
    void hostileRequestsGetNoServerErrorOnlyProblemDetailsAndLeaveNoTrace() throws Exception {
        String acme = WalkingSkeletonTest.token("erp-acme", "erp-acme-secret");
        String globex = WalkingSkeletonTest.token("erp-globex", "erp-globex-secret");
        String carrier = WalkingSkeletonTest.token("carrier-sandbox", "carrier-sandbox-secret");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("none", null);
        tokens.put("forged", forgedToken(acme));
        tokens.put("tampered", tamperedToken(acme));
        tokens.put("alg-none", unsignedToken(acme));
        tokens.put("garbage", "not.a.jwt");
        tokens.put("carrier-role", carrier);

        // One real shipment of acme: globex asking for it must get 404, like for an unknown id.
        String reference = "SWEEP-" + UUID.randomUUID();
        HttpResponse<String> created = send("POST", "/api/v1/shipments", acme, "application/json",
                WalkingSkeletonTest.shipment(reference).getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String acmeShipment = ContractsJson.mapper().readTree(created.body()).get("id").asText();

        int acmeBefore = countShipments(acme);
        int globexBefore = countShipments(globex);
        Instant sweepStart = Instant.now();

        List<Probe> corpus = corpus(acme, globex, tokens, acmeShipment);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(MINIMUM_CORPUS);

        List<Outcome> outcomes = run(corpus);
        assertThat(outcomes).hasSameSizeAs(corpus);

        List<Outcome> serverErrors = outcomes.stream().filter(o -> o.status() >= 500).toList();
        assertThat(serverErrors).as("5xx answers (first 20): %s", describe(serverErrors)).isEmpty();

        // The tracking page asked for as a browser does answers a page for people when the parcel is unknown
        // (what is refused before the page is reached, e.g. a NUL in the path, is still problem+json).
        List<Outcome> pages = outcomes.stream().filter(o -> o.status() >= 400 && o.probe().browserPage()).toList();
        assertThat(pages).as("tracking-page errors for browsers (first 20): %s", describe(pages))
                .allSatisfy(o -> assertThat(o.contentType()).matches(type -> type != null
                        && (type.startsWith("text/html") && o.status() == 404 && o.body().contains("<html")
                        || type.startsWith("application/problem+json")), "an HTML 404 page or problem+json"));
        List<Outcome> notProblems = outcomes.stream()
                .filter(o -> o.status() >= 400 && !o.probe().browserPage())
                .filter(o -> o.contentType() == null || !o.contentType().startsWith("application/problem+json")
                        || !o.body().contains("\"status\""))
                .toList();
        assertThat(notProblems).as("4xx answers that are not problem+json (first 20): %s", describe(notProblems)).isEmpty();

        // Requests that slipped through as valid: only on create endpoints, and counted.
        List<Outcome> accepted = outcomes.stream().filter(o -> o.status() < 300).toList();
        // A hostile value in a free-text field, or an optional field left out, may leave a valid request.
        List<Outcome> wronglyAccepted = accepted.stream()
                .filter(o -> !o.probe().kind().startsWith("field:") && !o.probe().kind().startsWith("field-removed:"))
                .toList();
        assertThat(wronglyAccepted).as("only free-text values and left-out optional fields may be valid (first 20): %s",
                describe(wronglyAccepted)).isEmpty();
        long acceptedShipments = accepted.stream()
                .filter(o -> o.probe().method().equals("POST") && o.probe().path().equals("/api/v1/shipments"))
                .count();

        // Nothing else was written: the listing and the published events grew by the 201s alone.
        assertThat(countShipments(acme) + countShipments(globex))
                .isEqualTo(acmeBefore + globexBefore + (int) acceptedShipments);
        Set<String> tenants = Set.of("acme", "globex");
        // The setup shipment's own ShipmentValidated may be relayed just after the sweep started: not counted.
        var published = TestKafka.await(Topics.SHIPMENT_VALIDATED,
                r -> r.timestamp() >= sweepStart.toEpochMilli() && tenants.contains(tenant(r))
                        && !acmeShipment.equals(r.key()) && !acmeShipment.equals(header(r, "ce_subject")),
                (int) acceptedShipments + 1, Duration.ofSeconds(acceptedShipments == 0 ? 5 : 30));
        assertThat(published).hasSize((int) acceptedShipments);
        // Returns likewise: each accepted return published one ReturnRegistered, and no other return came from
        // the API. Returns a carrier opened (source STATUS: a RETURNING status) are outside the sweep: the suite's
        // returns-service reads the shared test broker's status history, earlier runs' shipments included. No
        // carrier return webhook was signed, so none may have opened a return either (source CARRIER).
        Set<String> acceptedReturnIds = idsOf(accepted, "/api/v1/returns");
        List<JsonNode> registered = TestKafka.await(Topics.RETURN_REGISTERED,
                        r -> r.timestamp() >= sweepStart.toEpochMilli() && tenants.contains(tenant(r)),
                        Integer.MAX_VALUE, Duration.ofSeconds(acceptedReturnIds.isEmpty() ? 5 : 20))
                .stream().map(r -> readJson(r.value()))
                .filter(event -> !event.path("source").asText().equals("STATUS"))
                .toList();
        assertThat(registered.stream().map(event -> event.path("source").asText() + " " + event.path("returnId").asText()))
                .as("returns registered by the API or a carrier webhook after the sweep")
                .containsExactlyInAnyOrderElementsOf(acceptedReturnIds.stream().map(id -> "API " + id).toList());
        // A return label is asked for only by an accepted return (at most one each).
        assertThat(TestKafka.await(Topics.RETURN_LABEL_REQUESTED,
                r -> r.timestamp() >= sweepStart.toEpochMilli() && tenants.contains(tenant(r)),
                acceptedReturnIds.size() + 1, Duration.ofSeconds(5)))
                .as("ReturnLabelRequested after the sweep").hasSizeLessThanOrEqualTo(acceptedReturnIds.size());
        assertThat(TestKafka.await(Topics.SHIPMENT_CANCELLED,
                r -> r.timestamp() >= sweepStart.toEpochMilli() && tenants.contains(tenant(r)), 1, Duration.ofSeconds(3)))
                .as("ShipmentCancelled after the sweep").isEmpty();
        // The real shipment is untouched by the sweep (cancel probes never reached it).
        HttpResponse<String> still = send("GET", "/api/v1/shipments/" + acmeShipment, acme, null, null);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(ContractsJson.mapper().readTree(still.body()).get("status").asText()).isNotEqualTo("CANCELLED");

        System.out.printf("bad-input sweep: %d requests, %d rejected (4xx), %d accepted free-text mutations, statuses %s%n",
                outcomes.size(), outcomes.size() - accepted.size(), accepted.size(),
                outcomes.stream().collect(Collectors.groupingBy(Outcome::status, java.util.TreeMap::new, Collectors.counting())));
    }

    // ------------------------------------------------------------------ the corpus

    static List<Probe> corpus(String acme, String globex, Map<String, String> badTokens, String acmeShipment) throws Exception {
        List<Probe> probes = new ArrayList<>();
        Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        bodies.put("/api/v1/shipments", (ObjectNode) ContractsJson.mapper().readTree(WalkingSkeletonTest.shipment("SWEEP-BODY")));
        bodies.put("/api/v1/returns", (ObjectNode) ContractsJson.mapper().readTree("""
                {"shipmentId": "%s", "reason": "wrong size", "items": [{"sku": "SKU-1", "quantity": 1}]}
                """.formatted(acmeShipment)));
        bodies.put("/api/v1/trackings", (ObjectNode) ContractsJson.mapper().readTree("""
                {"trackingNumber": "RR123456785ES", "carrier": "sandbox", "reference": "SWEEP"}
                """));
        bodies.put("/api/v1/trackings/batch", (ObjectNode) ContractsJson.mapper().readTree("""
                {"items": [{"trackingNumber": "RR123456785ES", "carrier": "sandbox"}]}
                """));
        bodies.put("/api/v1/quotes", (ObjectNode) ContractsJson.mapper().readTree(WalkingSkeletonTest.shipment("SWEEP-QUOTE")));
        bodies.put("/api/v1/pickups", (ObjectNode) ContractsJson.mapper().readTree("""
                {"carrier": "sandbox", "date": "2020-01-01", "readyFrom": "09:00", "readyUntil": "12:00",
                 "address": {"name": "Almacén", "lines": ["Calle de Alcalá 1"], "city": "Madrid", "postalCode": "28014", "country": "ES"},
                 "shipmentIds": ["%s"]}
                """.formatted(acmeShipment)));
        bodies.put("/api/v1/webhook-subscriptions", (ObjectNode) ContractsJson.mapper().readTree("""
                {"url": "http://169.254.169.254/latest/meta-data", "eventTypes": ["io.waybill.nonexistent.v1"]}
                """));

        // 1. Every field of every body replaced by every hostile value, removed, or joined by an unknown field.
        //    Sent by globex where the body names acme's shipment, so even a well-formed value is refused.
        for (Map.Entry<String, ObjectNode> endpoint : bodies.entrySet()) {
            String token = endpoint.getKey().equals("/api/v1/returns") ? globex : acme;
            for (String pointer : leaves(endpoint.getValue(), "")) {
                for (JsonNode value : HOSTILE_VALUES) {
                    probes.add(json("field:" + pointer + "=" + abbreviate(value.toString(), 24), endpoint.getKey(), token,
                            replaced(endpoint.getValue(), pointer, value)));
                }
                probes.add(json("field-removed:" + pointer, endpoint.getKey(), token, replaced(endpoint.getValue(), pointer, null)));
            }
            ObjectNode unknown = endpoint.getValue().deepCopy();
            unknown.put("__proto__", "polluted");
            unknown.putObject("$where").put("sleep", 1000);
            probes.add(json("unknown-fields", endpoint.getKey(), token, unknown));
        }

        // 2. Whole bodies that are not what an endpoint takes, on every write endpoint.
        List<String> writePaths = new ArrayList<>(bodies.keySet());
        writePaths.add("/api/v1/shipments/" + acmeShipment + "/cancel");
        writePaths.add("/api/v1/returns/" + UUID.randomUUID() + "/inspection");
        for (String path : writePaths) {
            String token = path.contains(acmeShipment) ? globex : acme;
            for (Map.Entry<String, byte[]> body : structuralBodies().entrySet()) {
                probes.add(new Probe("body:" + body.getKey(), "POST", path, token, "application/json", body.getValue()));
            }
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data")) {
                probes.add(new Probe("content-type:" + type, "POST", path, token, type, "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }

        // 3. Ids in paths: hostile strings, and another tenant's real shipment.
        for (String id : HOSTILE_IDS) {
            probes.add(new Probe("id", "GET", "/api/v1/shipments/" + id, acme, null, null));
            probes.add(new Probe("id", "POST", "/api/v1/shipments/" + id + "/cancel", acme, "application/json", new byte[0]));
            probes.add(new Probe("id", "GET", "/api/v1/shipments/" + id + "/label?format=pdf", acme, null, null));
            probes.add(new Probe("id", "GET", "/api/v1/returns/" + id, acme, null, null));
            probes.add(new Probe("id", "GET", "/api/v1/trackings/sandbox/" + id, acme, null, null));
            probes.add(new Probe("id", "GET", "/api/v1/trackings/" + id + "/RR123456785ES", acme, null, null));
            probes.add(new Probe("id", "GET", "/api/v1/returns/" + id + "/label?format=pdf", acme, null, null));
            probes.add(new Probe("id", "GET", "/api/v1/pickups/" + id, acme, null, null));
            probes.add(new Probe("id", "DELETE", "/api/v1/carrier-accounts/" + id, acme, null, null));
            probes.add(new Probe("id", "GET", "/api/v1/fulfillment-orders/" + id, acme, null, null));
            probes.add(new Probe("id", "GET", "/api/v1/webhook-subscriptions/" + id, acme, null, null));
            probes.add(new Probe("id", "DELETE", "/api/v1/webhook-subscriptions/" + id, acme, null, null));
            probes.add(new Probe("id", "POST", "/api/v1/trackings/" + id + "/events", acme, "application/json",
                    utf8("{\"status\":\"DELIVERED\"}")));
            probes.add(new Probe("id", "GET", "/track/" + id + "?postalCode=08013", null, null, null));
            probes.add(new Probe("id", "GET", "/track/" + id + "?postalCode=08013", null, null, null, null,
                    "application/json"));
        }
        for (String path : List.of("/api/v1/shipments/" + acmeShipment, "/api/v1/shipments/" + acmeShipment + "/label?format=pdf",
                "/api/v1/shipments/" + acmeShipment + "/label?format=zpl")) {
            probes.add(new Probe("other-tenant", "GET", path, globex, null, null));
        }
        probes.add(new Probe("other-tenant", "POST", "/api/v1/shipments/" + acmeShipment + "/cancel", globex, "application/json", new byte[0]));

        // 4. Query strings of the list endpoints.
        for (String list : List.of("/api/v1/shipments", "/api/v1/returns")) {
            for (String query : List.of("limit=-1", "limit=0", "limit=abc", "limit=99999999999999999999", "limit=1e3",
                    "cursor=%00%01", "cursor=" + "A".repeat(4000), "cursor=eyJ0Ijoi", "status=%27%3BDROP%20TABLE%20x--",
                    "status=SHIPPED_TO_MARS", "createdFrom=yesterday", "createdFrom=2026-13-45T99:00:00Z",
                    "createdTo=-999999999-01-01T00:00:00Z", "createdFrom=2026-12-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z",
                    "orderRef=" + "x".repeat(5000), "limit=%F0%9F%98%80")) {
                probes.add(new Probe("query:" + query.split("=")[0], "GET", list + "?" + query, acme, null, null));
            }
        }
        probes.add(new Probe("query:format", "GET", "/api/v1/shipments/" + acmeShipment + "/label?format=exe", acme, null, null));

        // 5. Carrier webhooks: unsigned, badly signed, replayed, malformed.
        String webhook = "{\"trackingNumber\":\"SWEEP-UNKNOWN-1\",\"code\":\"IN_TRANSIT\",\"occurredAt\":\"" + Instant.now() + "\"}";
        for (String signature : List.of("", "t=1,v1=00", "t=" + Instant.now().getEpochSecond() + ",v1=" + "ab".repeat(32),
                "v1=deadbeef", "t=abc,v1=abc", "t=" + Instant.now().minusSeconds(3600).getEpochSecond() + ",v1=00",
                "t=99999999999999999999,v1=00")) {
            for (Map.Entry<String, byte[]> body : structuralBodies().entrySet()) {
                probes.add(new Probe("webhook-signature:" + body.getKey(), "POST", "/webhooks/sandbox", null,
                        "application/json", body.getValue(), signature));
            }
            probes.add(new Probe("webhook-signature", "POST", "/webhooks/sandbox", null, "application/json",
                    webhook.getBytes(StandardCharsets.UTF_8), signature));
        }

        // 6. Every request above again with each kind of bad token: all 401 (or 403 for the carrier role).
        List<Probe> authenticated = probes.stream().filter(p -> p.token() != null).toList();
        for (Map.Entry<String, String> bad : badTokens.entrySet()) {
            for (Probe p : authenticated) {
                probes.add(new Probe("token:" + bad.getKey(), p.method(), p.path(), bad.getValue(), p.contentType(), p.body()));
            }
        }
        return probes;
    }

    static Probe json(String kind, String path, String token, JsonNode body) {
        try {
            return new Probe(kind, "POST", path, token, "application/json", ContractsJson.mapper().writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON pointers of every value in the tree (objects and arrays included, so whole branches get replaced too). */
    static List<String> leaves(JsonNode node, String pointer) {
        List<String> pointers = new ArrayList<>();
        if (!pointer.isEmpty()) {
            pointers.add(pointer);
        }
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                pointers.addAll(leaves(node.get(name), pointer + "/" + name));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers.addAll(leaves(node.get(i), pointer + "/" + i));
            }
        }
        return pointers;
    }

    static JsonNode replaced(ObjectNode original, String pointer, JsonNode value) {
        ObjectNode copy = original.deepCopy();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        }
        return copy;
    }

    static List<JsonNode> hostileValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> values = new ArrayList<>();
        values.add(f.nullNode());
        values.add(f.textNode(""));
        values.add(f.textNode("   "));
        values.add(f.textNode("x".repeat(20_000)));
        values.add(f.textNode("' OR '1'='1' --"));
        values.add(f.textNode("\"; DROP TABLE es_events; --"));
        values.add(f.textNode("<script>alert(document.cookie)</script>"));
        values.add(f.textNode("${jndi:ldap://127.0.0.1:1389/a}"));
        values.add(f.textNode("{{7*7}}"));
        values.add(f.textNode("../../../../etc/passwd"));
        values.add(f.textNode("\u0000\u0001\u001f"));
        values.add(f.textNode("\uD83D\uDE00".repeat(500)));
        values.add(f.textNode("\u202Eevil"));
        values.add(f.numberNode(-1));
        values.add(f.numberNode(0));
        values.add(f.numberNode(-0.0001));
        values.add(f.numberNode(Long.MAX_VALUE));
        values.add(f.numberNode(new java.math.BigDecimal("1e400")));
        values.add(f.numberNode(new java.math.BigInteger("9".repeat(200))));
        values.add(f.numberNode(1.5));
        values.add(f.booleanNode(true));
        values.add(f.arrayNode());
        values.add(f.arrayNode().add(f.objectNode()).add(f.nullNode()));
        values.add(f.objectNode());
        values.add(f.objectNode().put("$ne", 1));
        // Values of the right type in the wrong shape: dates, codes, emails, phones, currencies.
        for (String text : List.of("2026-13-45", "25/11/2026", "ZZ", "es", "ESP", "EURO", "eur", "a@", "@b.c",
                "+", "0000000000000000000000000", "PDF; rm -rf /", "pdf", "ZPL\n^XA^FDinjected^FS^XZ", "1e3", "NaN", "-Infinity",
                "\r\nX-Injected: 1", "%0d%0aSet-Cookie: a=b", "٣٤٥", "ＡＢＣ", "null", "true", "[]")) {
            values.add(f.textNode(text));
        }
        values.add(f.numberNode(Integer.MIN_VALUE));
        values.add(f.numberNode(2_147_483_648L));
        values.add(f.numberNode(new java.math.BigDecimal("1e-400")));
        values.add(f.numberNode(-1e9));
        return values;
    }

    static Map<String, byte[]> structuralBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty", new byte[0]);
        bodies.put("null", utf8("null"));
        bodies.put("number", utf8("42"));
        bodies.put("string", utf8("\"shipment\""));
        bodies.put("array", utf8("[]"));
        bodies.put("empty-object", utf8("{}"));
        bodies.put("truncated", utf8("{\"orderReference\": \"A\", \"parcels\": ["));
        bodies.put("trailing-garbage", utf8("{} {}"));
        bodies.put("single-quotes", utf8("{'orderReference': 'A'}"));
        bodies.put("comments", utf8("/* hi */ {\"orderReference\": \"A\"}"));
        bodies.put("nan", utf8("{\"weightGrams\": NaN, \"quantity\": Infinity}"));
        bodies.put("huge-exponent", utf8("{\"weightGrams\": 1e999999999}"));
        bodies.put("long-number", utf8("{\"weightGrams\": " + "9".repeat(100_000) + "}"));
        bodies.put("deep-arrays", utf8("[".repeat(100_000) + "]".repeat(100_000)));
        bodies.put("deep-objects", utf8("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        bodies.put("wide-array", utf8("[" + "0,".repeat(200_000) + "0]"));
        bodies.put("many-keys", utf8(manyKeys(50_000)));
        bodies.put("long-key", utf8("{\"" + "k".repeat(500_000) + "\": 1}"));
        bodies.put("duplicate-keys", utf8("{\"orderReference\": \"A\", \"orderReference\": \"B\"}"));
        bodies.put("invalid-utf8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        bodies.put("utf16", "{\"orderReference\": \"A\"}".getBytes(StandardCharsets.UTF_16));
        bodies.put("bom", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{}")));
        bodies.put("nul-bytes", new byte[] {0, 0, 0, 0});
        bodies.put("oversized", new byte[2 * 1024 * 1024]);
        return bodies;
    }

    static String manyKeys(int count) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }

    // ------------------------------------------------------------------ tokens

    /** Same claims as a real token, signed with a key Keycloak never had. */
    static String forgedToken(String real) throws Exception {
        String[] parts = real.split("\\.");
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.generateKeyPair().getPrivate());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    /** A real token whose claims were edited (expiry moved a day on, tenant changed): the signature no longer matches. */
    static String tamperedToken(String real) throws Exception {
        String[] parts = real.split("\\.");
        ObjectNode claims = (ObjectNode) ContractsJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.put("exp", claims.path("exp").asLong() + 86_400);
        claims.put("tenant", "globex");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ContractsJson.mapper().writeValueAsBytes(claims)) + "." + parts[2];
    }

    static String unsignedToken(String real) {
        String[] parts = real.split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
        return header + "." + parts[1] + ".";
    }

    // ------------------------------------------------------------------ running

    static List<Outcome> run(List<Probe> corpus) throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger transportErrors = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Probe probe : corpus) {
                futures.add(pool.submit(() -> {
                    try {
                        HttpResponse<String> response = send(probe);
                        outcomes.add(new Outcome(probe, response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(null), response.body()));
                    } catch (Exception e) {
                        transportErrors.incrementAndGet();
                        outcomes.add(new Outcome(probe, 599, null, "transport error: " + e));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return new ArrayList<>(outcomes);
    }

    static HttpResponse<String> send(Probe probe) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.url("gateway") + probe.path()))
                .timeout(Duration.ofSeconds(30));
        if (probe.token() != null) {
            request.header("Authorization", "Bearer " + probe.token());
        }
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        if (probe.signature() != null) {
            request.header("Waybill-Signature", probe.signature());
        }
        if (probe.accept() != null) {
            request.header("Accept", probe.accept());
        }
        request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body) throws Exception {
        return send(new Probe("setup", method, path, token, contentType, body));
    }

    static int countShipments(String token) throws Exception {
        int count = 0;
        String cursor = null;
        do {
            String path = "/api/v1/shipments?limit=100" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> page = send("GET", path, token, null, null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode json = ContractsJson.mapper().readTree(page.body());
            count += json.get("items").size();
            cursor = json.path("nextCursor").isTextual() ? json.get("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }

    /** The ids of the resources the accepted POSTs to {@code path} created. */
    static Set<String> idsOf(List<Outcome> accepted, String path) {
        return accepted.stream()
                .filter(o -> o.probe().method().equals("POST") && o.probe().path().equals(path))
                .map(o -> readJson(o.body().getBytes(StandardCharsets.UTF_8)).path("id").asText())
                .collect(Collectors.toSet());
    }

    static JsonNode readJson(byte[] json) {
        try {
            return ContractsJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String tenant(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        return header(record, "ce_tenant");
    }

    static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String describe(List<Outcome> outcomes) {
        return outcomes.stream().limit(20)
                .map(o -> o.status() + " " + o.probe().kind() + " " + o.probe().method() + " "
                        + abbreviate(o.probe().path()) + " -> " + abbreviate(o.body()))
                .collect(Collectors.joining("\n", "\n", ""));
    }

    static String abbreviate(String text) {
        return abbreviate(text, 160);
    }

    static String abbreviate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length) + "…";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
