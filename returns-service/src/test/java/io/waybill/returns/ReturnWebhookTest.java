package io.waybill.returns;

import static io.restassured.RestAssured.given;
import static io.waybill.returns.ReturnFixtures.KOIKI_SECRET;
import static io.waybill.returns.ReturnFixtures.PATIENCE;
import static io.waybill.returns.ReturnFixtures.SANDBOX_SECRET;
import static io.waybill.returns.ReturnFixtures.deliver;
import static io.waybill.returns.ReturnFixtures.outboundLabel;
import static io.waybill.returns.ReturnFixtures.sandboxReturn;
import static io.waybill.returns.ReturnFixtures.status;
import static io.waybill.returns.ReturnFixtures.view;
import static io.waybill.returns.ReturnFixtures.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.ReturnRegistered;
import io.waybill.contracts.StockAdjusted;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.returns.fromcarriers.WebhookSignature;
import io.waybill.returns.returning.ReturnEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Carrier return webhooks on the real PostgreSQL and Kafka: signatures, storage before the 202,
 * parking until the shipment is known, and one return (one stock adjustment per SKU) whether the
 * carrier reports it by webhook, by tracking status, or both in either order.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_returns_test"))
class ReturnWebhookTest {

    // AUTO_RESTOCK in application.properties (%test).
    static final String RESTOCKING = "restocking-test-tenant";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final Duration QUIET = Duration.ofSeconds(4);

    @Inject
    AgroalDataSource dataSource;

    String shipped(Map<String, Integer> items) {
        String shipmentId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        TestKafka.send(ReturnLifecycleTest.shipmentValidated(shipmentId, RESTOCKING, "wh-" + RUN, items, messageId));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, messageId));
        return shipmentId;
    }

    long webhooksStored(String outcome) throws Exception {
        return ReturnFlowTest.query(dataSource, "SELECT count(*) FROM carrier_return_webhook WHERE outcome = ?", outcome);
    }

    @Test
    void onlyCorrectlySignedFreshWebhooksOfKnownCarriersAreAcceptedAndMalformedOnesAreStoredThenRefused()
            throws Exception {
        String body = sandboxReturn("SBX-NONE-" + RUN, "SBXR-NONE-" + RUN, "RETURN_REGISTERED");
        given().contentType(ContentType.JSON).body(body).post("/webhooks/returns/sandbox").then().statusCode(401)
                .contentType("application/problem+json");
        webhook("sandbox", "not-the-secret", body).statusCode(401).contentType("application/problem+json");
        webhook("sandbox", KOIKI_SECRET, body).statusCode(401);
        given().header(WebhookSignature.HEADER, WebhookSignature.sign(SANDBOX_SECRET, Instant.now().getEpochSecond() - 400,
                body)).contentType(ContentType.JSON).body(body).post("/webhooks/returns/sandbox").then().statusCode(401)
                .body("detail", equalTo("timestamp outside the allowed window (replay?)"));
        webhook("dhl", SANDBOX_SECRET, body).statusCode(404).contentType("application/problem+json");

        long malformedBefore = webhooksStored("MALFORMED");
        webhook("sandbox", SANDBOX_SECRET, "{\"code\": \"LOST\"}").statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("trackingNumber", "code", "occurredAt"));
        assertThat(webhooksStored("MALFORMED")).isEqualTo(malformedBefore + 1);
    }

    @Test
    void aWebhookBeforeTheShipmentIsKnownIsParkedThenTheStatusAfterItIsTheSameReturnRestockedOnce() throws Exception {
        String outbound = "SBX" + RUN + "A";
        String returnNumber = "SBXR" + RUN + "A";
        webhook("sandbox", SANDBOX_SECRET, sandboxReturn(outbound, returnNumber, "RETURN_REGISTERED")).statusCode(202)
                .body("outcome", equalTo("PARKED"));

        String shipmentId = shipped(Map.of("SKU-A", 2, "SKU-B", 1));
        String returnId = ReturnEvents.carrierReturnId(shipmentId);
        given().auth().oauth2(TestTokens.erp(RESTOCKING)).get("/api/v1/returns/" + returnId).then().statusCode(404);
        // The outbound label names the parcel the webhook spoke of: the parked webhook now applies.
        deliver(dataSource, outboundLabel(shipmentId, RESTOCKING, "sandbox", outbound), "/label-service");
        Map<String, Object> registered = view(TestTokens.erp(RESTOCKING), returnId);
        assertThat(registered).containsEntry("status", "REGISTERED").containsEntry("source", "CARRIER")
                .containsEntry("returnTrackingNumber", returnNumber).containsEntry("returnCarrier", "sandbox");
        assertThat((List<?>) registered.get("items")).hasSize(2);

        webhook("sandbox", SANDBOX_SECRET, sandboxReturn(outbound, returnNumber, "RETURN_DELIVERED")).statusCode(202)
                .body("outcome", equalTo("APPLIED"));
        // The carrier's tracking says the same: one return, nothing more.
        deliver(dataSource, status(shipmentId, RESTOCKING, outbound, TrackingStatus.RETURNED, "Returned", null),
                "/tracking-service");

        assertOneReturnRestockedOnce(shipmentId, returnId, 2, "CARRIER", returnNumber);
    }

    @Test
    void aStatusBeforeTheWebhookIsTheSameReturnRestockedOnce() throws Exception {
        String outbound = "KO" + RUN + "B";
        String shipmentId = shipped(Map.of("SKU-A", 1, "SKU-C", 3));
        String returnId = ReturnEvents.carrierReturnId(shipmentId);
        deliver(dataSource, outboundLabel(shipmentId, RESTOCKING, "koiki", outbound), "/label-service");
        deliver(dataSource, status(shipmentId, RESTOCKING, outbound, TrackingStatus.RETURNING, "Refused", null),
                "/tracking-service");
        assertThat(view(TestTokens.erp(RESTOCKING), returnId)).containsEntry("status", "IN_TRANSIT")
                .containsEntry("source", "STATUS");

        String koiki = """
                {"codBarras": "KOR%s", "codBarrasOriginal": "%s", "devolucion": true, "code": 108,
                 "codEstado": "Envío entregado", "date": "2026-12-02T09:49:37+0000"}""".formatted(RUN, outbound);
        webhook("koiki", KOIKI_SECRET, koiki).statusCode(202).body("outcome", equalTo("APPLIED"));
        webhook("koiki", KOIKI_SECRET, koiki).statusCode(202); // the carrier retries
        deliver(dataSource, status(shipmentId, RESTOCKING, outbound, TrackingStatus.RETURNED, "Returned", null),
                "/tracking-service");

        assertThat(view(TestTokens.erp(RESTOCKING), returnId)).containsEntry("returnTrackingNumber", "KOR" + RUN);
        assertOneReturnRestockedOnce(shipmentId, returnId, 2, "STATUS", null);
    }

    void assertOneReturnRestockedOnce(String shipmentId, String returnId, int skus, String source,
            String registeredReturnNumber) throws Exception {
        Map<String, Object> closed = view(TestTokens.erp(RESTOCKING), returnId);
        assertThat(closed).containsEntry("status", "CLOSED");
        assertThat((List<?>) closed.get("stockAdjustments")).hasSize(skus);
        assertThat(ReturnFlowTest.query(dataSource, "SELECT count(*) FROM return_view WHERE shipment_id = ?", shipmentId))
                .isEqualTo(1);

        await().atMost(PATIENCE).until(() -> ReturnFlowTest.relayedPast(dataSource, ReturnFlowTest.streamOf(returnId)));
        var adjustments = TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), skus + 1, QUIET).stream()
                .map(r -> ReturnLifecycleTest.read(r, StockAdjusted.class)).toList();
        assertThat(adjustments).as("one per SKU, once").hasSize(skus);
        assertThat(adjustments).extracting(StockAdjusted::adjustmentId).doesNotHaveDuplicates();
        var registered = TestKafka.await(Topics.RETURN_REGISTERED, r -> shipmentId.equals(r.key()), 2, QUIET);
        assertThat(registered).singleElement().satisfies(r -> {
            ReturnRegistered event = ReturnLifecycleTest.read(r, ReturnRegistered.class);
            assertThat(event.source()).isEqualTo(source);
            assertThat(event.returnTrackingNumber()).isEqualTo(registeredReturnNumber);
        });
    }
}
