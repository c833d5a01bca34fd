package io.waybill.fulfillment;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.waybill.fulfillment.FulfillmentTesting.json;
import static io.waybill.fulfillment.FulfillmentTesting.record;
import static io.waybill.fulfillment.FulfillmentTesting.shipment;
import static io.waybill.fulfillment.FulfillmentTesting.view;
import static io.waybill.fulfillment.PartnersTestResource.ONGOING_TENANT;
import static io.waybill.fulfillment.PartnersTestResource.ongoing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.StockLevel;
import io.waybill.contracts.StockLevelReported;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Ongoing WMS (WireMock, documented shapes) behind the real Kafka, PostgreSQL and signed tokens. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_fulfillment_test"))
@QuarkusTestResource(PartnersTestResource.class)
class OngoingFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aShipmentIsSentOnceAndItsWarehouseStepsAndTrackingComeBackAsCarrierEvents() {
        ShipmentValidated shipment = shipment(ONGOING_TENANT, "ongoing");
        String id = shipment.shipmentId();
        ongoing.stubFor(put(urlPathEqualTo("/api/v1/orders")).withRequestBody(matchingJsonPath("$.orderNumber", equalTo(id)))
                .willReturn(json(200, "{\"orderId\": 4711, \"message\": \"Order created\"}")));
        ongoing.stubFor(get(urlPathEqualTo("/api/v1/orders/4711")).willReturn(json(200, """
                {"orderInfo": {"orderId": 4711, "orderNumber": "%s", "orderStatus": {"number": 400, "text": "Plockad"}},
                 "tracking": [], "parcels": []}""".formatted(id))));

        ProducerRecord<String, byte[]> validated = record(shipment, UUID.randomUUID().toString());
        TestKafka.send(validated);
        TestKafka.send(validated); // redelivered
        TestKafka.send(record(shipment)); // published again under another id

        var picked = TestKafka.await(Topics.STATUS_CHANGED, r -> id.equals(r.key()), 1, PATIENCE);
        assertThat(picked).hasSize(1);
        StatusChanged step = PublicEvents.read(picked.get(0), StatusChanged.class).event();
        assertThat(step.status()).isEqualTo(TrackingStatus.INFO_RECEIVED);
        assertThat(step.carrierCode()).isEqualTo("400");
        assertThat(step.description()).isEqualTo("Plockad");
        assertThat(step.carrier()).isEqualTo("ongoing");
        assertThat(step.trackingNumber()).isEqualTo("4711");
        assertThat(CloudEventRecords.read(picked.get(0)).getSource()).hasToString("/fulfillment-service");

        // One order, with its lines by article number (SKU-1 summed over both parcels) and the consignee.
        ongoing.verify(1, putRequestedFor(urlPathEqualTo("/api/v1/orders"))
                .withQueryParam("goodsOwnerId", equalTo("17"))
                .withHeader("Authorization", equalTo("Basic d2F5YmlsbDpvbmdvaW5nLXBhc3N3b3Jk"))
                .withRequestBody(equalToJson("""
                        {"goodsOwnerId": 17, "orderNumber": "%s", "deliveryDate": "%s", "referenceNumber": "%s",
                         "consignee": {"name": "Sara Lind", "address1": "Storgatan 12", "address2": "Lgh 1101", "postCode": "411 38",
                                       "city": "Göteborg", "countryCode": "SE"},
                         "orderLines": [{"rowNumber": "1", "articleNumber": "SKU-1", "numberOfItems": 3},
                                        {"rowNumber": "2", "articleNumber": "SKU-2", "numberOfItems": 3}],
                         "wayOfDelivery": {"code": "postnord-parcel"},
                         "transporter": {"transporterCode": "postnord", "transporterServiceCode": "parcel"}}
                        """.formatted(id, shipment.validatedAt().toLocalDate(), shipment.orderReference()), true, true)));

        ongoing.stubFor(get(urlPathEqualTo("/api/v1/orders/4711")).willReturn(json(200, """
                {"goodsOwner": {"id": 17, "name": "Acme"},
                 "orderInfo": {"orderId": 4711, "orderNumber": "%s", "goodsOwnerOrderId": "ERP-1", "orderStatus": {"number": 450, "text": "Skickad"},
                               "wayBill": "PN00012345SE", "returnWayBill": "PN00099999SE"},
                 "tracking": [{"waybill": "PN00012345SE", "trackingUrl": "https://tracking.example/PN00012345SE", "isReturnTracking": false},
                              {"waybill": "PN00099999SE", "isReturnTracking": true}],
                 "parcels": [{"id": 207, "parcelNumber": "00376546546", "isReturnParcel": false}],
                 "transporter": {"transporterName": "PostNord Sweden AB", "name": "PostNord MyPack", "code": "POSTNORD", "serviceCode": "MYPACK"}}""".formatted(id))));
        var labels = TestKafka.await(Topics.LABEL_GENERATED, r -> id.equals(r.key()), 2, Duration.ofSeconds(15));
        assertThat(labels).as("exactly one LabelGenerated").hasSize(1);
        LabelGenerated label = PublicEvents.read(labels.get(0), LabelGenerated.class).event();
        assertThat(label.carrier()).isEqualTo("postnord");
        assertThat(label.service()).isEqualTo("MYPACK");
        assertThat(label.trackingNumber()).isEqualTo("PN00012345SE");
        assertThat(label.tenantId()).isEqualTo(ONGOING_TENANT);

        Map<String, Object> view = view(ONGOING_TENANT, id);
        assertThat(view).containsEntry("status", "SHIPPED").containsEntry("partner", "ongoing")
                .containsEntry("partnerReference", "4711").containsEntry("trackingNumber", "PN00012345SE");
        assertThat((List<Object>) view.get("exchanges")).extracting(e -> (Object) String.valueOf(((Map<?, ?>) e).get("name")))
                .contains("PUT /orders", "GET /orders/4711");
        given().auth().oauth2(TestTokens.erp(ONGOING_TENANT)).get("/api/v1/fulfillment-orders/" + id).then().statusCode(200)
                .body("history.type", hasItems("OrderReceived", "OrderSent", "WarehouseStepReached", "OrderShipped"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/fulfillment-orders/" + id).then().statusCode(200);
        // Another tenant, no token, a forged token, the wrong role.
        given().auth().oauth2(TestTokens.erp("globex")).get("/api/v1/fulfillment-orders/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/fulfillment-orders/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.forged(ONGOING_TENANT)).get("/api/v1/fulfillment-orders/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.carrier(ONGOING_TENANT)).get("/api/v1/fulfillment-orders/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.erp(ONGOING_TENANT)).get("/api/v1/fulfillment-orders/no-such-shipment").then()
                .statusCode(404);
    }

    @Test
    void whileOngoingIsDownTheOrderWaitsAndIsSentWhenItIsBack() {
        ShipmentValidated shipment = shipment(ONGOING_TENANT, "ongoing");
        String id = shipment.shipmentId();
        ongoing.stubFor(put(urlPathEqualTo("/api/v1/orders")).withRequestBody(matchingJsonPath("$.orderNumber", equalTo(id)))
                .willReturn(json(503, "{\"message\": \"Service unavailable\"}")));
        TestKafka.send(record(shipment));

        await().atMost(PATIENCE).until(() -> FulfillmentTesting.statusOf(ONGOING_TENANT, id) == 200
                && ((Number) view(ONGOING_TENANT, id).get("failedAttempts")).intValue() >= 2);
        assertThat(view(ONGOING_TENANT, id)).containsEntry("status", "PENDING");
        assertThat((String) view(ONGOING_TENANT, id).get("lastError")).contains("ONGOING_HTTP_503");

        ongoing.stubFor(put(urlPathEqualTo("/api/v1/orders")).withRequestBody(matchingJsonPath("$.orderNumber", equalTo(id)))
                .willReturn(json(200, "{\"orderId\": 5150, \"message\": \"Order created\"}")));
        await().atMost(PATIENCE).until(() -> "SENT".equals(view(ONGOING_TENANT, id).get("status"))
                || "IN_PROGRESS".equals(view(ONGOING_TENANT, id).get("status")));
        assertThat(view(ONGOING_TENANT, id)).containsEntry("partnerReference", "5150");
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> id.equals(r.key()), 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void callbacksAreAuthenticatedAppliedOnceAndACancellationBecomesLabelFailed() {
        ShipmentValidated shipment = shipment(ONGOING_TENANT, "ongoing");
        ShipmentValidated cancelled = shipment(ONGOING_TENANT, "ongoing");
        for (ShipmentValidated s : List.of(shipment, cancelled)) {
            ongoing.stubFor(put(urlPathEqualTo("/api/v1/orders")).withRequestBody(matchingJsonPath("$.orderNumber",
                    equalTo(s.shipmentId()))).willReturn(json(200, "{\"orderId\": 9" + Math.abs(s.shipmentId().hashCode() % 1000)
                            + ", \"message\": \"ok\"}")));
            TestKafka.send(record(s));
        }
        await().atMost(PATIENCE).until(() -> FulfillmentTesting.statusOf(ONGOING_TENANT, shipment.shipmentId()) == 200
                && FulfillmentTesting.statusOf(ONGOING_TENANT, cancelled.shipmentId()) == 200);

        String url = "/webhooks/fulfillment/ongoing/" + ONGOING_TENANT;
        String shipped = """
                {"orderId": 1, "goodsOwnerOrderId": "%s", "goodsOwnerId": 17, "orderStatus": {"number": 450, "text": "Sent"},
                 "tracking": [{"waybill": "DHL777", "isReturn": false}], "transporter": {"transporterCode": "DHL"},
                 "timestamp": "2026-11-25T12:00:00.0000000Z"}""".formatted(shipment.shipmentId());
        given().header("X-Auth-Token", "wrong").body(shipped).post(url).then().statusCode(401);
        given().body(shipped).post(url).then().statusCode(401);
        given().header("X-Auth-Token", PartnersTestResource.CALLBACK_TOKEN).body("{not json").post(url).then().statusCode(400)
                .contentType("application/problem+json");
        given().header("X-Auth-Token", PartnersTestResource.CALLBACK_TOKEN).body(shipped).post(url).then().statusCode(200);
        given().header("X-Auth-Token", PartnersTestResource.CALLBACK_TOKEN).body(shipped).post(url).then().statusCode(200);
        given().header("X-Auth-Token", PartnersTestResource.CALLBACK_TOKEN).body(shipped).post("/webhooks/fulfillment/ongoing/globex")
                .then().statusCode(404);

        var labels = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 2, Duration.ofSeconds(15));
        assertThat(labels).hasSize(1);
        assertThat(PublicEvents.read(labels.get(0), LabelGenerated.class).event().trackingNumber()).isEqualTo("DHL777");

        given().header("X-Auth-Token", PartnersTestResource.CALLBACK_TOKEN).body("""
                {"orderId": 2, "goodsOwnerOrderId": "%s", "goodsOwnerId": 17, "orderStatus": {"number": 1000, "text": "Annullerad"}}
                """.formatted(cancelled.shipmentId())).post(url).then().statusCode(200);
        var failures = TestKafka.await(Topics.LABEL_FAILED, r -> cancelled.shipmentId().equals(r.key()), 1, PATIENCE);
        assertThat(failures).hasSize(1);
        LabelFailed failed = PublicEvents.read(failures.get(0), LabelFailed.class).event();
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reasonCode()).isEqualTo("FULFILLMENT_CANCELLED");
        assertThat(failed.reason()).contains("Annullerad");
        assertThat(failed.carrier()).isEqualTo("ongoing");
    }

    @Test
    void aStatusNoTableKnowsIsPublishedAsExceptionUnmappedWithItsCodeAndCountedOnce() {
        ShipmentValidated shipment = shipment(ONGOING_TENANT, "ongoing");
        String id = shipment.shipmentId();
        // 150 Error is in no table (OngoingStatusCodes); every poll (each second in tests) shows it again
        FulfillmentTesting.sentToOngoing(shipment, 8150, 150, "Fel");
        TestKafka.send(record(shipment));

        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> id.equals(r.key()), 2, Duration.ofSeconds(20));
        assertThat(ongoing.findAll(getRequestedFor(urlPathEqualTo("/api/v1/orders/8150")))).as("polls").hasSizeGreaterThan(2);
        assertThat(changes).as("one StatusChanged for the code, not one per poll").hasSize(1);
        StatusChanged unmapped = PublicEvents.read(changes.get(0), StatusChanged.class).event();
        assertThat(unmapped.status()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(unmapped.subStatus()).isEqualTo(StatusChanged.UNMAPPED_SUB_STATUS);
        assertThat(unmapped.carrierCode()).isEqualTo("150");
        assertThat(unmapped.description()).isEqualTo("Fel");
        assertThat(unmapped.carrier()).isEqualTo("ongoing");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("waybill_tracking_unmapped_codes_total{carrier=\"ongoing\",code=\"150\"} 1.0"));
    }

    @Test
    void stockLevelsArePublishedOnceWhileTheyDoNotChange() {
        long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        var reports = TestKafka.await(Topics.STOCK_LEVEL_REPORTED, r -> "stock/ongoing/STO".equals(r.key()) && r.timestamp() >= started,
                2, Duration.ofSeconds(10));
        assertThat(reports).as("polled every 2 s, published once").hasSize(1);
        StockLevelReported report = PublicEvents.read(reports.get(0), StockLevelReported.class).event();
        assertThat(report.tenantId()).isEqualTo(ONGOING_TENANT);
        assertThat(report.levels()).containsExactly(new StockLevel("SKU-1", 40, 35, 5), new StockLevel("SKU-2", 0, 0, 0));
    }

    @Test
    void aMerchantCancellationCancelsWithOngoingOrDropsAnOrderNotSentYet() {
        ShipmentValidated sent = shipment(ONGOING_TENANT, "ongoing");
        ShipmentValidated waiting = shipment(ONGOING_TENANT, "ongoing");
        ongoing.stubFor(put(urlPathEqualTo("/api/v1/orders")).withRequestBody(matchingJsonPath("$.orderNumber",
                equalTo(sent.shipmentId()))).willReturn(json(200, "{\"orderId\": 6001, \"message\": \"ok\"}")));
        ongoing.stubFor(get(urlPathEqualTo("/api/v1/orders/6001")).willReturn(json(200, """
                {"orderInfo": {"orderId": 6001, "orderNumber": "%s", "orderStatus": {"number": 200, "text": "Open"}}}
                """.formatted(sent.shipmentId()))));
        ongoing.stubFor(delete(urlPathEqualTo("/api/v1/orders/6001")).willReturn(json(200, "{\"orderId\": 6001}")));
        ongoing.stubFor(put(urlPathEqualTo("/api/v1/orders")).withRequestBody(matchingJsonPath("$.orderNumber",
                equalTo(waiting.shipmentId()))).willReturn(json(503, "{}")));
        TestKafka.send(record(sent));
        TestKafka.send(record(waiting));
        await().atMost(PATIENCE).until(() -> "IN_PROGRESS".equals(view(ONGOING_TENANT, sent.shipmentId()).get("status"))
                && FulfillmentTesting.statusOf(ONGOING_TENANT, waiting.shipmentId()) == 200);

        for (ShipmentValidated s : List.of(sent, waiting)) {
            TestKafka.send(record(new ShipmentCancelled(s.shipmentId(), ONGOING_TENANT, s.orderReference(), "cancelled by erp",
                    java.time.OffsetDateTime.now())));
        }
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(view(ONGOING_TENANT, sent.shipmentId()).get("status"))
                && "CANCELLED".equals(view(ONGOING_TENANT, waiting.shipmentId()).get("status")));
        ongoing.verify(1, deleteRequestedFor(urlPathEqualTo("/api/v1/orders/6001")));
        assertThat((List<Object>) view(ONGOING_TENANT, sent.shipmentId()).get("exchanges"))
                .extracting(e -> (Object) String.valueOf(((Map<?, ?>) e).get("name"))).contains("DELETE /orders/6001");
        // The waiting order is not sent any more, and a cancellation is no failure.
        int attempts = ((Number) view(ONGOING_TENANT, waiting.shipmentId()).get("failedAttempts")).intValue();
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> waiting.shipmentId().equals(r.key()) || sent.shipmentId().equals(r.key()),
                1, Duration.ofSeconds(4))).isEmpty();
        assertThat(((Number) view(ONGOING_TENANT, waiting.shipmentId()).get("failedAttempts")).intValue()).isEqualTo(attempts);
    }

    @Test
    void aPoisonMessageIsParkedInTheDeadLetterTopic() {
        String key = "poison-" + UUID.randomUUID();
        TestKafka.send(new ProducerRecord<>(Topics.SHIPMENT_VALIDATED, key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        var parked = TestKafka.await(Topics.deadLetter(Topics.SHIPMENT_VALIDATED), r -> key.equals(r.key()), 1, PATIENCE);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/api/v1/fulfillment-orders/{shipmentId}"));
    }

}
