package io.waybill.order.followingcarriers;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.order.intake.ShipmentSamples;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A return label's LabelGenerated, LabelFailed and StatusChanged (returnId set) concern the return
 * parcel: the shipment's label, failure and tracking status stay those of the outbound parcel.
 * On each topic the return's event goes first and an outbound one after it on the same key (same
 * partition): once the outbound one shows, the return's was consumed, and left no trace.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_order_test"))
class ReturnLabelEventsTest {

    static final String ACME = TestTokens.erp("acme");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void eventsOfAReturnLabelNeverBecomeTheShipmentsLabelFailureOrStatus() throws Exception {
        String id = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference("SO-" + UUID.randomUUID())))
                .post("/api/v1/shipments").then().statusCode(201).body("id", notNullValue()).extract().path("id");
        String returnId = "ret_" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();

        send(new LabelFailed(id, "acme", "sandbox", "RETURN_REFUSED", "return label refused", false, now, returnId));
        send(new LabelFailed(id, "acme", "sandbox", "CARRIER_DOWN", "outbound label failed", true, now));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/api/v1/shipments/" + id).then()
                .body("labelFailure.reasonCode", equalTo("CARRIER_DOWN")));

        send(new LabelGenerated(id, "acme", "sandbox", "return", "RETURN-1", List.of(new ParcelLabel(1, "RETURN-1")),
                List.of("PDF"), null, now, "lbl_r", null, returnId));
        send(new LabelGenerated(id, "acme", "sandbox", "standard", "OUT-1", List.of(new ParcelLabel(1, "OUT-1")),
                List.of("PDF"), null, now));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/api/v1/shipments/" + id).then()
                .body("trackingNumber", equalTo("OUT-1")));

        send(new StatusChanged(id, "acme", "RETURN-1", "sandbox", TrackingStatus.DELIVERED, null, "DELIVERED", "Delivered",
                null, "WEBHOOK", false, now.plusMinutes(2), now.plusMinutes(2), null, returnId));
        send(new StatusChanged(id, "acme", "OUT-1", "sandbox", TrackingStatus.IN_TRANSIT, null, "IN_TRANSIT", "In transit",
                null, "WEBHOOK", false, now.plusMinutes(1), now.plusMinutes(1)));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/api/v1/shipments/" + id).then()
                .body("trackingStatus", equalTo("IN_TRANSIT")));

        // Accepted, the outbound failure, the outbound label, IN_TRANSIT: nothing of the return.
        given().auth().oauth2(ACME).get("/api/v1/shipments/" + id).then().statusCode(200)
                .body("version", equalTo(4)).body("trackingNumber", equalTo("OUT-1"))
                .body("trackingStatus", equalTo("IN_TRANSIT")).body("status", equalTo("LABELLED"));
    }

    private static void send(PublicEvent event) {
        TestKafka.send(CloudEventRecords.write(PublicEvents.outbound(event), UUID.randomUUID().toString(),
                URI.create("/test"), OffsetDateTime.now(), null));
    }
}
