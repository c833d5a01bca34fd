package io.waybill.gateway.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.gateway.GatewayTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Public events from the real Kafka broker to a partner's endpoint through the real database: signed,
 * filtered by tenant and type, in order per shipment, retried through failures and timeouts, parked, redelivered.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class WebhookDeliveryTest {

    static final String STATUS_CHANGED = "io.waybill.shipment.status-changed.v1";
    static final String CANCELLED = "io.waybill.shipment.cancelled.v1";

    static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @Test
    void everyEventArrivesSignedOnceAppliedInShipmentOrderThroughOutagesFailuresAndTimeouts() {
        String tenant = "hooks-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        String flaky = "flaky-" + tenant;
        String cancellations = "cancellations-" + tenant;
        String otherEndpoint = "other-" + tenant;
        subscribe(tenant, flaky, List.of(STATUS_CHANGED, CANCELLED));
        subscribe(tenant, cancellations, List.of(CANCELLED));
        subscribe(other, otherEndpoint, List.of(STATUS_CHANGED, CANCELLED));

        // The flaky partner: down (503) for the first 1.5 s; after that, the first attempt of each event fails,
        // with a 500, or (EXCEPTION events) by answering only after the gateway's 700 ms timeout; the next succeeds.
        long outageUntil = System.currentTimeMillis() + 1_500;
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        receiver.behave(flaky, (event, attempt) -> {
            if (System.currentTimeMillis() < outageUntil) {
                return new WebhookReceiver.Answer(503, 0);
            }
            if (!failedOnce.add(event.path("id").asText())) {
                return WebhookReceiver.Answer.ok();
            }
            return event.path("data").path("status").asText().equals("EXCEPTION")
                    ? new WebhookReceiver.Answer(200, 1_200)
                    : new WebhookReceiver.Answer(500, 0);
        });

        // Three shipments, four events each on two topics, interleaved; each event a second after the previous.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<Sent> all = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        for (int step = 0; step < 4; step++) {
            for (int s = 0; s < 3; s++) {
                String shipment = "shp-" + tenant + "-" + s;
                OffsetDateTime at = start.plusSeconds(step * 10L + s);
                PublicEvent event = switch (step) {
                    case 0 -> status(shipment, tenant, TrackingStatus.IN_TRANSIT, null, at);
                    case 1 -> status(shipment, tenant, TrackingStatus.EXCEPTION, TrackingStatus.IN_TRANSIT, at);
                    case 2 -> new ShipmentCancelled(shipment, tenant, "SO-" + s, "customer changed their mind", at);
                    default -> status(shipment, tenant, TrackingStatus.RETURNING, TrackingStatus.EXCEPTION, at);
                };
                Sent sent = send(event, at);
                all.add(sent);
                expected.computeIfAbsent(shipment, key -> new ArrayList<>()).add(sent.id());
            }
        }
        Sent foreign = send(status("shp-" + other, other, TrackingStatus.DELIVERED, TrackingStatus.IN_TRANSIT,
                start), start);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> receiver.applied(flaky).size() == all.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.applied(cancellations).size() == 3
                && receiver.applied(otherEndpoint).size() == 1);

        // Nothing lost, nothing foreign, every request signed with the subscription's own secret.
        assertThat(receiver.applied(flaky)).containsExactlyInAnyOrderElementsOf(all.stream().map(Sent::id).toList());
        assertThat(receiver.received(flaky)).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(receiver.applied(otherEndpoint)).containsExactly(foreign.id());
        assertThat(receiver.applied(cancellations)).containsExactlyInAnyOrderElementsOf(all.stream()
                .filter(sent -> sent.type().equals(CANCELLED)).map(Sent::id).toList());

        // Nothing reordered: per shipment, the partner applied the events in the order they happened, and no
        // request of a later event arrived before the earlier one had been answered 2xx.
        Map<String, List<String>> appliedPerShipment = new LinkedHashMap<>();
        Map<String, String> shipmentOf = all.stream().collect(Collectors.toMap(Sent::id, Sent::shipment));
        for (String id : receiver.applied(flaky)) {
            appliedPerShipment.computeIfAbsent(shipmentOf.get(id), key -> new ArrayList<>()).add(id);
        }
        assertThat(appliedPerShipment).isEqualTo(expected);
        for (Map.Entry<String, List<String>> shipment : expected.entrySet()) {
            List<String> arrivals = receiver.received(flaky).stream()
                    .filter(received -> received.subject().equals(shipment.getKey()))
                    .map(WebhookReceiver.Received::eventId).toList();
            assertThat(collapseRepeats(arrivals)).as("arrivals of %s", shipment.getKey())
                    .isEqualTo(shipment.getValue());
        }

        // At least once: repeats happened (failed and timed-out attempts were retried), and the partner's
        // de-duplication by event id is what kept them from being applied twice.
        assertThat(receiver.received(flaky).size()).isGreaterThan(all.size());
        assertThat(receiver.received(flaky).stream().filter(r -> r.answered() / 100 == 2)
                .collect(Collectors.groupingBy(WebhookReceiver.Received::eventId, Collectors.counting())))
                .as("2xx answers per event id: 2 only where the first 2xx came after the gateway's timeout")
                .allSatisfy((id, count) -> assertThat(count).isBetween(1L, 2L));
        // Endpoints that never fail get each event exactly once, although four workers poll concurrently.
        assertThat(receiver.received(cancellations)).hasSize(3);
        assertThat(receiver.received(otherEndpoint)).hasSize(1);

        // The delivery is a structured-mode CloudEvent carrying the original event.
        JsonNode first = receiver.received(cancellations).getFirst().event();
        assertThat(first.path("specversion").asText()).isEqualTo("1.0");
        assertThat(first.path("type").asText()).isEqualTo(CANCELLED);
        assertThat(first.path("tenant").asText()).isEqualTo(tenant);
        assertThat(first.path("source").asText()).isEqualTo("/test-producer");
        assertThat(first.path("data").path("shipmentId").asText()).isEqualTo(first.path("subject").asText());
        assertThat(first.path("data").path("reason").asText()).isEqualTo("customer changed their mind");
        // Fields the contract gains later travel as they are (the gateway passes the event's data through).
        assertThat(receiver.received(flaky)).filteredOn(r -> r.event().path("type").asText().equals(STATUS_CHANGED))
                .allSatisfy(r -> assertThat(r.event().path("data").path("estimatedDelivery").asText()).isNotBlank());
    }

    @Test
    void aDeliveryThatKeepsFailingIsParkedWithoutHoldingBackTheNextAndCanBeRedelivered() {
        String tenant = "park-" + UUID.randomUUID().toString().substring(0, 8);
        String endpoint = "down-" + tenant;
        String subscription = subscribe(tenant, endpoint, List.of(STATUS_CHANGED));
        receiver.behave(endpoint, (event, attempt) -> new WebhookReceiver.Answer(503, 0));
        String shipment = "shp-" + tenant;
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        Sent first = send(status(shipment, tenant, TrackingStatus.IN_TRANSIT, null, at), at);
        Sent second = send(status(shipment, tenant, TrackingStatus.DELIVERED, TrackingStatus.IN_TRANSIT,
                at.plusSeconds(1)), at.plusSeconds(1));

        // give-up-after is 4 s in %test: the first is parked, then the second is tried (and parked too).
        await().atMost(Duration.ofSeconds(40)).until(() -> parked(tenant, subscription).size() == 2);
        List<String> arrivals = receiver.received(endpoint).stream().map(WebhookReceiver.Received::eventId).toList();
        assertThat(arrivals.indexOf(second.id())).as("the second waits until the first is parked")
                .isGreaterThan(arrivals.lastIndexOf(first.id()));
        assertThat(collapseRepeats(arrivals)).containsExactly(first.id(), second.id());

        List<Map<String, Object>> parked = parked(tenant, subscription);
        assertThat(parked).extracting(d -> d.get("eventId")).containsExactly(first.id(), second.id());
        assertThat(parked).allSatisfy(d -> {
            assertThat(d.get("status")).isEqualTo("parked");
            assertThat((Integer) d.get("attempts")).isGreaterThan(1);
            assertThat(d.get("lastStatusCode")).isEqualTo(503);
            assertThat(d.get("lastError")).isEqualTo("HTTP 503");
        });

        // The partner is fixed; both are redelivered, in order, once each.
        receiver.behave(endpoint, (event, attempt) -> WebhookReceiver.Answer.ok());
        for (Map<String, Object> delivery : parked) {
            given().auth().oauth2(TestTokens.erp(tenant))
                    .post("/api/v1/webhook-subscriptions/" + subscription + "/deliveries/" + delivery.get("id")
                            + "/redeliver")
                    .then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.applied(endpoint).size() == 2);
        assertThat(receiver.applied(endpoint)).containsExactly(first.id(), second.id());
        assertThat(parked(tenant, subscription)).isEmpty();
        JsonPath delivered = given().auth().oauth2(TestTokens.erp(tenant))
                .get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries?status=delivered")
                .then().statusCode(200).extract().jsonPath();
        assertThat(delivered.getList("eventId", String.class)).containsExactly(first.id(), second.id());

        // Only parked deliveries can be requeued; another tenant cannot see or touch them.
        String id = delivered.getString("[0].id");
        given().auth().oauth2(TestTokens.erp(tenant))
                .post("/api/v1/webhook-subscriptions/" + subscription + "/deliveries/" + id + "/redeliver")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.erp("someone-else"))
                .post("/api/v1/webhook-subscriptions/" + subscription + "/deliveries/" + id + "/redeliver")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.erp("someone-else"))
                .get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries?status=parked")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.erp(tenant))
                .post("/api/v1/webhook-subscriptions/" + subscription + "/deliveries/" + UUID.randomUUID()
                        + "/redeliver")
                .then().statusCode(404);
    }

    @Test
    void aRecordThatIsNoCloudEventGoesToItsTopicsDeadLetterTopicAndTheNextStillArrives() {
        String tenant = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        String endpoint = "after-poison-" + tenant;
        subscribe(tenant, endpoint, List.of(STATUS_CHANGED));
        String key = "poison-" + UUID.randomUUID();
        TestKafka.send(new ProducerRecord<>(Topics.STATUS_CHANGED, key, "{not a cloud event".getBytes(StandardCharsets.UTF_8)));
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        Sent after = send(status("shp-" + tenant, tenant, TrackingStatus.IN_TRANSIT, null, at), at);

        // The tracking page's consumer parks the same record too (its own group); this one is the webhooks'.
        var parked = TestKafka.await(Topics.deadLetter(Topics.STATUS_CHANGED), r -> key.equals(r.key())
                && r.headers().lastHeader("dead-letter-consumer") != null
                && new String(r.headers().lastHeader("dead-letter-consumer").value(), StandardCharsets.UTF_8).endsWith("-webhooks"),
                2, Duration.ofSeconds(10));
        assertThat(parked).hasSize(1);
        assertThat(new String(parked.getFirst().headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a binary-mode CloudEvent");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.applied(endpoint).contains(after.id()));
    }

    // ------------------------------------------------------------------ helpers

    record Sent(String id, String type, String shipment) {
    }

    static StatusChanged status(String shipment, String tenant, TrackingStatus status, TrackingStatus previous,
            OffsetDateTime at) {
        return new StatusChanged(shipment, tenant, "TRK-" + shipment, "sandbox", status, previous, "C-" + status,
                "status " + status, "Madrid", "WEBHOOK", false, at, at, at.plusDays(2), null);
    }

    /** As the services' outbox relays publish: binary-mode CloudEvent, key and subject = shipment. */
    static Sent send(PublicEvent event, OffsetDateTime time) {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = CloudEventRecords.write(PublicEvents.outbound(event), id,
                URI.create("/test-producer"), time, null);
        TestKafka.send(record);
        return new Sent(id, PublicEvents.outbound(event).type(), event.shipmentId());
    }

    /** Creates a subscription of {@code tenant} to the receiver's {@code endpoint}; returns its id. */
    static String subscribe(String tenant, String endpoint, List<String> types) {
        JsonPath created = given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(endpoint), "eventTypes", types))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(201).body("url", equalTo(receiver.url(endpoint)))
                .extract().jsonPath();
        receiver.secret(endpoint, created.getString("secret"));
        return created.getString("id");
    }

    static List<Map<String, Object>> parked(String tenant, String subscription) {
        return given().auth().oauth2(TestTokens.erp(tenant))
                .get("/api/v1/webhook-subscriptions/" + subscription + "/deliveries?status=parked")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** a,a,b,b,b,c -> a,b,c: what a partner sees once it drops immediate retries of the same event. */
    static List<String> collapseRepeats(List<String> ids) {
        List<String> collapsed = new ArrayList<>();
        for (String id : ids) {
            if (collapsed.isEmpty() || !collapsed.getLast().equals(id)) {
                collapsed.add(id);
            }
        }
        return collapsed;
    }
}
