package io.waybill.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.cloudevents.CloudEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.order.intake.ShipmentSamples;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** order-service against the real PostgreSQL and Kafka, with real signed tokens. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_order_test"))
class ShipmentFlowTest {

    static final String ACME = TestTokens.erp("acme");
    static final String GLOBEX = TestTokens.erp("globex");

    @Test
    void aValidShipmentIsAcceptedAndPublishedAsShipmentValidated() throws Exception {
        String id = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference("SO-" + UUID.randomUUID())))
                .post("/api/v1/shipments")
                .then().statusCode(201).header("Location", containsString("/api/v1/shipments/"))
                .body("status", equalTo("ACCEPTED")).body("tenantId", equalTo("acme"))
                .extract().path("id");

        given().auth().oauth2(ACME).get("/api/v1/shipments/" + id).then().statusCode(200).body("id", equalTo(id));

        var records = TestKafka.await(Topics.SHIPMENT_VALIDATED, r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        CloudEvent event = CloudEventRecords.read(records.get(0));
        assertThat(event.getType()).isEqualTo("io.waybill.shipment.validated.v1");
        assertThat(event.getSubject()).isEqualTo(id);
        assertThat(event.getSource()).hasToString("/order-service");
        assertThat(CloudEventRecords.tenant(event)).isEqualTo("acme");
        ShipmentValidated validated = PublicEvents.read(records.get(0), ShipmentValidated.class).event();
        assertThat(validated.parcels()).hasSize(1);
        assertThat(validated.parcels().get(0).weightGrams()).isEqualTo(1250);
        assertThat(validated.recipient().postalCode()).isEqualTo("08013");
    }

    @Test
    void aShipmentWithASelectionRuleIsPublishedWithoutACarrierForLabelServiceToChoose() throws Exception {
        var sample = ShipmentSamples.withReference("SO-" + UUID.randomUUID());
        var rule = new io.waybill.order.shipment.ShipmentDetails(sample.orderReference(), sample.sender(), sample.recipient(),
                sample.parcels(), null, null, "CHEAPEST", "ZPL", null);
        String id = given().auth().oauth2(ACME).contentType(ContentType.JSON).body(ContractsJson.mapper().writeValueAsString(rule))
                .post("/api/v1/shipments").then().statusCode(201).extract().path("id");
        var records = TestKafka.await(Topics.SHIPMENT_VALIDATED, r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
        ShipmentValidated validated = PublicEvents.read(records.get(0), ShipmentValidated.class).event();
        assertThat(validated.selectionRule()).isEqualTo("CHEAPEST");
        assertThat(validated.carrier()).isNull();
        assertThat(validated.service()).isNull();
    }

    @Test
    void anotherTenantGets404AndNoTokenGets401() throws Exception {
        String id = create("SO-" + UUID.randomUUID());
        given().auth().oauth2(GLOBEX).get("/api/v1/shipments/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(GLOBEX).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(404);
        given().get("/api/v1/shipments/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("acme")).get("/api/v1/shipments/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.forged("acme")).get("/api/v1/shipments/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.carrier("acme")).get("/api/v1/shipments/" + id).then().statusCode(403);
        given().auth().oauth2(GLOBEX).get("/api/v1/shipments").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItems(id)));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/shipments/" + id).then().statusCode(200);
    }

    @Test
    void invalidShipmentsGet422WithEveryViolationAndNothingIsStored() {
        given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body("{\"orderReference\":\"\",\"sender\":{\"name\":\"A\",\"lines\":[\"x\"],\"city\":\"Madrid\",\"country\":\"ES\","
                        + "\"postalCode\":\"28014\"},\"parcels\":[{\"weightGrams\":0,\"dimensions\":{\"lengthMm\":1,\"widthMm\":1,"
                        + "\"heightMm\":1}}],\"carrier\":\"sandbox\",\"service\":\"standard\"}")
                .post("/api/v1/shipments")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("violations.field", hasItems("orderReference", "recipient", "parcels[0].weightGrams"));
    }

    @Test
    void malformedJsonAndWrongTypesGet400Problems() {
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"orderReference\": ")
                .post("/api/v1/shipments").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"parcels\":[{\"weightGrams\":\"heavy\"}]}")
                .post("/api/v1/shipments").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", containsString("weightGrams"));
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameShipmentAndAnotherBodyGets409() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference("SO-" + key));
        String first = given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/shipments").then().statusCode(201).extract().path("id");
        String again = given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/shipments").then().statusCode(200).extract().path("id");
        assertThat(again).isEqualTo(first);

        String other = ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference("SO-other-" + key));
        given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON).body(other)
                .post("/api/v1/shipments").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aLabelGeneratedEventIsAppliedOnceEvenWhenRedelivered() throws Exception {
        String id = create("SO-" + UUID.randomUUID());
        String eventId = UUID.randomUUID().toString();
        TestKafka.send(labelGenerated(id, "WB000123", eventId));
        // The same event id again, with a body the decider would accept: only the inbox can drop it.
        TestKafka.send(labelGenerated(id, "WB000456", eventId));
        // A later event on the same key and partition: once it is applied, the redelivery was consumed.
        TestKafka.send(labelGenerated(id, "WB000789", UUID.randomUUID().toString()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ACME).get("/api/v1/shipments/" + id)
                .then().statusCode(200).body("trackingNumber", equalTo("WB000789")));
        // Accepted, WB000123, WB000789: the redelivered WB000456 left no trace.
        given().auth().oauth2(ACME).get("/api/v1/shipments/" + id).then().body("version", equalTo(3));
    }

    private static ProducerRecord<String, byte[]> labelGenerated(String shipmentId, String tracking, String eventId) {
        var label = new LabelGenerated(shipmentId, "acme", "sandbox", "standard", tracking, List.of(new ParcelLabel(1, tracking)),
                List.of("PDF", "ZPL"), null, OffsetDateTime.now());
        return CloudEventRecords.write(PublicEvents.outbound(label), eventId, URI.create("/label-service"), OffsetDateTime.now(),
                null);
    }

    @Test
    void aShipmentCanBeCancelledUntilTheCarrierScansIt() throws Exception {
        String id = create("SO-" + UUID.randomUUID());
        given().auth().oauth2(ACME).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        given().auth().oauth2(ACME).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(200)
                .body("version", equalTo(2));
        var cancellations = TestKafka.await(Topics.SHIPMENT_CANCELLED, r -> id.equals(r.key()), 2, Duration.ofSeconds(5));
        assertThat(cancellations).as("published once").hasSize(1);
        var cancelled = PublicEvents.read(cancellations.get(0), io.waybill.contracts.ShipmentCancelled.class).event();
        assertThat(cancelled.tenantId()).isEqualTo("acme");
        assertThat(cancelled.orderReference()).startsWith("SO-");

        String scanned = create("SO-" + UUID.randomUUID());
        var status = new io.waybill.contracts.StatusChanged(scanned, "acme", "SB1", "sandbox",
                io.waybill.contracts.TrackingStatus.IN_TRANSIT, null, "IN_TRANSIT", "In transit", null, "WEBHOOK", false,
                OffsetDateTime.now(), OffsetDateTime.now());
        TestKafka.send(CloudEventRecords.write(PublicEvents.outbound(status), UUID.randomUUID().toString(),
                URI.create("/tracking-service"), OffsetDateTime.now(), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ACME)
                .get("/api/v1/shipments/" + scanned).then().body("trackingStatus", equalTo("IN_TRANSIT")));
        given().auth().oauth2(ACME).post("/api/v1/shipments/" + scanned + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(GLOBEX).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(404);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(403);
    }

    @Test
    void aPoisonMessageIsParkedInTheDeadLetterTopic() {
        String key = "poison-" + UUID.randomUUID();
        TestKafka.send(new ProducerRecord<>(Topics.LABEL_GENERATED, key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        var parked = TestKafka.await(Topics.deadLetter(Topics.LABEL_GENERATED), r -> key.equals(r.key()), 1, Duration.ofSeconds(60));
        // At least once: a rebalance may park it twice, but it is parked.
        assertThat(parked).isNotEmpty();
        assertThat(parked.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItems("Database connections health check"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/shipments"));
    }

    private static String create(String reference) throws Exception {
        return given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference(reference)))
                .post("/api/v1/shipments").then().statusCode(201).body("id", notNullValue()).extract().path("id");
    }
}
