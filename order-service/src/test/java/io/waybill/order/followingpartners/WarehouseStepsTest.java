package io.waybill.order.followingpartners;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Fulfillment;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.order.intake.ShipmentSamples;
import io.waybill.order.shipment.ShipmentDetails;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A shipment a 3PL ships, as the ERP sees it in {@code GET /api/v1/shipments/{id}}: the partner and warehouse it
 * was routed to, the warehouse steps fulfillment-service publishes as StatusChanged, its shipping confirmation,
 * and a cancellation that came too late. Real Kafka and PostgreSQL; the events as fulfillment-service publishes them.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_order_test"))
class WarehouseStepsTest {

    static final String TENANT = "acme";
    static final String ERP = TestTokens.erp(TENANT);
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 26, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void theViewShowsThePartnerTheWarehouseAndEachStepOnceAndTheStepsDoNotBlockCancellation() throws Exception {
        String id = submit(new Fulfillment("ongoing", "STO"));
        given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then().statusCode(200)
                .body("fulfillment.partner", equalTo("ongoing")).body("fulfillment.warehouse", equalTo("STO"))
                .body("fulfillment.steps.size()", equalTo(0)).body("fulfillment.shippedAfterCancellation", equalTo(false));

        String received = UUID.randomUUID().toString();
        TestKafka.send(fromFulfillment(step(id, "ongoing", "200", "Open", T0), received));
        TestKafka.send(fromFulfillment(step(id, "ongoing", "200", "Open", T0), received)); // redelivered
        TestKafka.send(fromFulfillment(step(id, "ongoing", "200", "Open", T0), UUID.randomUUID().toString())); // published again
        TestKafka.send(fromFulfillment(step(id, "ongoing", "400", "Plockad", T0.plusMinutes(30)), UUID.randomUUID().toString()));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then()
                .body("fulfillment.steps.code", contains("200", "400")));
        given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then()
                .body("fulfillment.steps[1].description", equalTo("Plockad"))
                .body("trackingStatus", nullValue()) // a warehouse step is not a carrier scan
                .body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(TestTokens.erp("globex")).get("/api/v1/shipments/" + id).then().statusCode(404);

        // Picked is not shipped: the merchant may still cancel (fulfillment-service then tells the warehouse).
        given().auth().oauth2(ERP).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void aWarehouseCodeNoTableKnowsIsShownAsAStepAndIsNoCarrierException() throws Exception {
        String id = submit(new Fulfillment("ongoing", "STO"));
        // as fulfillment-service publishes it since contract v1.1 (ADR 0096): EXCEPTION / exception.unmapped, raw code kept
        TestKafka.send(fromFulfillment(new StatusChanged(id, TENANT, "4711", "ongoing", TrackingStatus.EXCEPTION, null, "150", "Fel",
                null, "POLL", false, T0, OffsetDateTime.now(), null, null, StatusChanged.UNMAPPED_SUB_STATUS),
                UUID.randomUUID().toString()));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then()
                .body("fulfillment.steps.code", contains("150")));
        given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then()
                .body("fulfillment.steps[0].description", equalTo("Fel"))
                .body("trackingStatus", nullValue())
                .body("status", equalTo("ACCEPTED"));
        given().auth().oauth2(ERP).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void theShippingConfirmationIsTheLastStepAndAShippedShipmentCannotBeCancelled() throws Exception {
        String id = submit(new Fulfillment("file-drop", null));
        TestKafka.send(fromFulfillment(step(id, "file-drop", "PACKED", "Warehouse: packed", T0), UUID.randomUUID().toString()));
        TestKafka.send(fromFulfillment(shipped(id, "BRING-1"), UUID.randomUUID().toString()));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then()
                .body("status", equalTo("LABELLED")).body("fulfillment.steps.code", contains("PACKED", "SHIPPED")));
        given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then().body("carrier", equalTo("bring"))
                .body("trackingNumber", equalTo("BRING-1")).body("fulfillment.partner", equalTo("file-drop"))
                .body("fulfillment.steps[1].description", equalTo("Shipped with bring under BRING-1"));
        given().auth().oauth2(ERP).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void whenTheWarehouseShipsACancelledShipmentTheViewSaysSoInsteadOfHidingIt() throws Exception {
        String id = submit(new Fulfillment("ongoing", "STO"));
        given().auth().oauth2(ERP).post("/api/v1/shipments/" + id + "/cancel").then().statusCode(200);
        String event = UUID.randomUUID().toString();
        TestKafka.send(fromFulfillment(shipped(id, "PN123SE"), event));
        TestKafka.send(fromFulfillment(shipped(id, "PN123SE"), UUID.randomUUID().toString())); // published again

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then()
                .body("fulfillment.shippedAfterCancellation", equalTo(true)));
        var view = given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("status")).isEqualTo("CANCELLED");
        assertThat(view.getString("trackingNumber")).isEqualTo("PN123SE");
        assertThat(view.getList("fulfillment.steps.code")).containsExactly("SHIPPED");
        assertThat(view.getInt("version")).as("accepted, cancelled, shipped after cancellation").isEqualTo(3);
    }

    @Test
    void aCarrierShipmentHasNoFulfillmentAndItsScansStayTrackingStatuses() throws Exception {
        String id = submit(null);
        TestKafka.send(fromFulfillment(new StatusChanged(id, TENANT, "SB1", "sandbox", TrackingStatus.IN_TRANSIT, null, "TRN",
                "In transit", null, "WEBHOOK", false, T0, T0), UUID.randomUUID().toString()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then()
                .body("trackingStatus", equalTo("IN_TRANSIT")));
        given().auth().oauth2(ERP).get("/api/v1/shipments/" + id).then().body("fulfillment", nullValue());
    }

    static String submit(Fulfillment fulfillment) throws Exception {
        ShipmentDetails d = ShipmentSamples.withReference("SO-" + UUID.randomUUID());
        ShipmentDetails routed = new ShipmentDetails(d.orderReference(), d.sender(), d.recipient(), d.parcels(), d.carrier(),
                d.service(), d.selectionRule(), d.labelFormat(), d.fiscalDocument(), fulfillment);
        return given().auth().oauth2(ERP).contentType(ContentType.JSON).body(ContractsJson.mapper().writeValueAsString(routed))
                .post("/api/v1/shipments").then().statusCode(201).extract().path("id");
    }

    /** A warehouse step as fulfillment-service publishes it (ADR 0092): carrier = the partner. */
    static StatusChanged step(String id, String partner, String code, String description, OffsetDateTime at) {
        return new StatusChanged(id, TENANT, "4711", partner, TrackingStatus.INFO_RECEIVED, null, code, description, null, "POLL",
                false, at, OffsetDateTime.now());
    }

    static LabelGenerated shipped(String id, String tracking) {
        return new LabelGenerated(id, TENANT, tracking.startsWith("PN") ? "postnord" : "bring", "standard", tracking,
                List.of(new ParcelLabel(1, tracking)), List.of("PDF"), null, T0.plusHours(2));
    }

    static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> fromFulfillment(PublicEvent event, String id) {
        return CloudEventRecords.write(PublicEvents.outbound(event), id, URI.create("/fulfillment-service"), OffsetDateTime.now(),
                null);
    }
}
