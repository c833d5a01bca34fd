package io.waybill.returns;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.Address;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ReturnItem;
import io.waybill.contracts.ReturnRegistered;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.StockAdjusted;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.returns.returning.ReturnEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Returns from the API and from carrier statuses, checked against what was shipped, through receipt,
 * inspection and exactly-once stock adjustments, on the real PostgreSQL and Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_returns_test"))
class ReturnLifecycleTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String TENANT = "shop-" + RUN;
    static final String ERP = TestTokens.erp(TENANT);
    static final String OTHER_ERP = TestTokens.erp("other-" + RUN);
    // Policies are configured for these tenants in application.properties (%test profile).
    static final String RESTOCKING = "restocking-test-tenant";
    static final String INSPECTING = "inspecting-test-tenant";
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final Duration QUIET = Duration.ofSeconds(4);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anApiReturnIsRegisteredAndPublishedOnceForItsIdempotencyKey() throws Exception {
        String shipmentId = shipped(TENANT, "Almacén Madrid", Map.of("SKU-TSHIRT-M", 3, "SKU-CAP", 1));
        String key = "rma-" + UUID.randomUUID();
        // Two lines of one SKU are one item of 2.
        Map<String, Object> body = request(shipmentId, "Wrong size", item("SKU-TSHIRT-M", 1), item("SKU-TSHIRT-M", 1));
        body.put("returnLabel", true);

        String id = given().auth().oauth2(ERP).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/returns").then().statusCode(201)
                .header("Location", containsString("/api/v1/returns/ret_"))
                .body("status", equalTo("REGISTERED")).body("source", equalTo("API")).body("tenantId", equalTo(TENANT))
                .body("shipmentId", equalTo(shipmentId)).body("warehouseId", equalTo("Almacén Madrid"))
                .body("returnLabelRequested", equalTo(true))
                .body("items", hasSize(1)).body("items[0].sku", equalTo("SKU-TSHIRT-M")).body("items[0].quantity", equalTo(2))
                .extract().path("id");

        // The same request again: the same return; the key with another body: 409.
        given().auth().oauth2(ERP).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/returns").then().statusCode(200).body("id", equalTo(id));
        given().auth().oauth2(ERP).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(request(shipmentId, "Other reason", item("SKU-CAP", 1)))
                .post("/api/v1/returns").then().statusCode(409).contentType("application/problem+json");

        assertThat(TestKafka.await(Topics.RETURN_REGISTERED, r -> shipmentId.equals(r.key()), 1, PATIENCE)).isNotEmpty();
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.relayedPast(dataSource, ReturnFlowTest.streamOf(id)));
        var published = TestKafka.await(Topics.RETURN_REGISTERED, r -> shipmentId.equals(r.key()), 2, QUIET);
        assertThat(published).hasSize(1);
        ReturnRegistered registered = read(published.get(0), ReturnRegistered.class);
        assertThat(registered.returnId()).isEqualTo(id);
        assertThat(registered.tenantId()).isEqualTo(TENANT);
        assertThat(registered.source()).isEqualTo("API");
        assertThat(registered.reason()).isEqualTo("Wrong size");
        assertThat(registered.items()).containsExactly(new ReturnItem("SKU-TSHIRT-M", 2));

        // Opened and its return label ordered, in one decision: version 2.
        given().auth().oauth2(ERP).get("/api/v1/returns/" + id).then().statusCode(200).header("ETag", containsString("2"))
                .body("status", equalTo("REGISTERED")).body("returnLabel.status", equalTo("REQUESTED"));
    }

    @Test
    void quantitiesAboveWhatWasShippedAndNotYetReturnedAreRefusedWithEachViolation() {
        String shipmentId = shipped(TENANT, "wh-" + RUN, Map.of("SKU-A", 3, "SKU-B", 1));
        given().auth().oauth2(ERP).contentType(ContentType.JSON)
                .body(request(shipmentId, "Too many", item("SKU-A", 4), item("SKU-B", 2), item("SKU-NOT-SHIPPED", 1)))
                .post("/api/v1/returns").then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("items[0].quantity", "items[1].quantity", "items[2].sku")));

        given().auth().oauth2(ERP).contentType(ContentType.JSON).body(request(shipmentId, "Damaged", item("SKU-A", 2)))
                .post("/api/v1/returns").then().statusCode(201);
        // 3 shipped, 2 already returned: 2 more is too many, 1 is fine.
        given().auth().oauth2(ERP).contentType(ContentType.JSON).body(request(shipmentId, "Damaged", item("SKU-A", 2)))
                .post("/api/v1/returns").then().statusCode(422)
                .body("violations[0].message", containsString("2 already returned"));
        given().auth().oauth2(ERP).contentType(ContentType.JSON).body(request(shipmentId, "Damaged", item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(201);
    }

    @Test
    void concurrentReturnsOfOneShipmentNeverClaimMoreThanWasShipped() throws Exception {
        String shipmentId = shipped(TENANT, "wh-" + RUN, Map.of("SKU-A", 3));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> given().auth().oauth2(ERP).contentType(ContentType.JSON)
                        .body(request(shipmentId, "Race", item("SKU-A", 1))).post("/api/v1/returns").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 422).filteredOn(status -> status == 201).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ReturnFlowTest.query(dataSource, "SELECT count(*) FROM return_view WHERE shipment_id = ?", shipmentId))
                .isEqualTo(3);
    }

    @Test
    void badInputIsAProblemListingEachField() {
        given().auth().oauth2(ERP).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("sku", "", "quantity", 0))))
                .post("/api/v1/returns").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("shipmentId", "reason", "items[0].sku", "items[0].quantity"));
        given().auth().oauth2(ERP).contentType(ContentType.JSON).body("{\"shipmentId\": ")
                .post("/api/v1/returns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ERP).contentType(ContentType.JSON).body("{\"shipmentId\": \"s\", \"items\": \"many\"}")
                .post("/api/v1/returns").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ERP).contentType(ContentType.JSON).body(request("no-such-shipment-" + RUN, "Why", item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ERP).queryParam("limit", 0).queryParam("status", "OPEN").queryParam("cursor", "%%%")
                .queryParam("createdTo", "tomorrow").get("/api/v1/returns").then().statusCode(400)
                .body("violations.field", hasItems("limit", "status", "cursor", "createdTo"));
        given().contentType(ContentType.JSON).body(request("s", "Why", item("SKU-A", 1))).post("/api/v1/returns")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.carrier(TENANT)).contentType(ContentType.JSON).body(request("s", "Why", item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(403);
    }

    @Test
    void anotherTenantsShipmentAndReturnAreNotFoundOnEveryEndpoint() {
        String shipmentId = shipped(TENANT, "wh-" + RUN, Map.of("SKU-A", 1));
        given().auth().oauth2(OTHER_ERP).contentType(ContentType.JSON).body(request(shipmentId, "Mine?", item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(404).contentType("application/problem+json");
        String id = register(ERP, shipmentId, item("SKU-A", 1));

        given().auth().oauth2(OTHER_ERP).get("/api/v1/returns/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(OTHER_ERP).contentType(ContentType.JSON).body(inspection(inspected("SKU-A", "RESTOCK", 1)))
                .post("/api/v1/returns/" + id + "/inspection").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(OTHER_ERP).get("/api/v1/returns").then().statusCode(200).body("items", empty());
        given().auth().oauth2(ERP).get("/api/v1/returns/" + id).then().statusCode(200).body("status", equalTo("REGISTERED"));
    }

    @Test
    void theListIsFilteredByStatusAndDateAndPagedByCursor() {
        String tenant = "pages-" + UUID.randomUUID();
        String token = TestTokens.erp(tenant);
        String shipmentId = shipped(tenant, "wh", Map.of("SKU-A", 5));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(register(token, shipmentId, item("SKU-A", 1)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/returns").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).as("newest first, each once").containsExactlyElementsOf(created.reversed());

        given().auth().oauth2(token).queryParam("status", "CLOSED").get("/api/v1/returns").then().body("items", empty());
        given().auth().oauth2(token).queryParam("status", "REGISTERED").get("/api/v1/returns").then().body("items", hasSize(5));
        given().auth().oauth2(token).queryParam("createdFrom", OffsetDateTime.now().plusDays(1).toString())
                .get("/api/v1/returns").then().body("items", empty()).body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("createdFrom", OffsetDateTime.now().minusHours(1).toString())
                .queryParam("createdTo", OffsetDateTime.now().plusHours(1).toString())
                .get("/api/v1/returns").then().body("items", hasSize(5));
    }

    @Test
    void aCarrierReturnUnderAutoRestockAdjustsStockExactlyOncePerSkuHoweverItIsReported() throws Exception {
        String warehouse = "wh-auto-" + RUN;
        String shipmentId = shipped(RESTOCKING, warehouse, Map.of("SKU-A", 2, "SKU-B", 1));
        String returnId = ReturnEvents.carrierReturnId(shipmentId);

        String returning = UUID.randomUUID().toString();
        TestKafka.send(ReturnFlowTest.record(status(shipmentId, RESTOCKING, TrackingStatus.RETURNING, "Refused"), returning));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, returning));
        given().auth().oauth2(TestTokens.erp(RESTOCKING)).get("/api/v1/returns/" + returnId).then().statusCode(200)
                .body("status", equalTo("IN_TRANSIT")).body("source", equalTo("STATUS"))
                .body("items.sku", hasItems("SKU-A", "SKU-B")).body("warehouseId", equalTo(warehouse));

        // The carrier reported the whole parcel: a return of the same goods through the API is too many.
        given().auth().oauth2(TestTokens.erp(RESTOCKING)).contentType(ContentType.JSON)
                .body(request(shipmentId, "Customer says refused", item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(422);

        var returned = ReturnFlowTest.record(status(shipmentId, RESTOCKING, TrackingStatus.RETURNED, "Back at sender"),
                UUID.randomUUID().toString());
        TestKafka.send(returned);
        TestKafka.send(returned); // redelivered
        String again = UUID.randomUUID().toString();
        TestKafka.send(ReturnFlowTest.record(status(shipmentId, RESTOCKING, TrackingStatus.RETURNED, "Back at sender"), again));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, again));

        given().auth().oauth2(TestTokens.erp(RESTOCKING)).get("/api/v1/returns/" + returnId).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("policy", equalTo("AUTO_RESTOCK"))
                .body("stockAdjustments", hasSize(2));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.relayedPast(dataSource, ReturnFlowTest.streamOf(returnId)));

        List<StockAdjusted> adjustments = TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), 3, QUIET)
                .stream().map(r -> read(r, StockAdjusted.class)).toList();
        assertThat(adjustments).as("one per SKU, once").hasSize(2);
        assertThat(adjustments).extracting(StockAdjusted::sku, StockAdjusted::quantityDelta, StockAdjusted::warehouseId,
                StockAdjusted::adjustmentId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("SKU-A", 2, warehouse, ReturnEvents.adjustmentId(returnId, "SKU-A", warehouse)),
                org.assertj.core.groups.Tuple.tuple("SKU-B", 1, warehouse, ReturnEvents.adjustmentId(returnId, "SKU-B", warehouse)));
        assertThat(adjustments).allSatisfy(a -> {
            assertThat(a.returnId()).isEqualTo(returnId);
            assertThat(a.tenantId()).isEqualTo(RESTOCKING);
        });

        var registered = TestKafka.await(Topics.RETURN_REGISTERED, r -> shipmentId.equals(r.key()), 2, QUIET);
        assertThat(registered).singleElement().satisfies(r -> assertThat(read(r, ReturnRegistered.class).source())
                .isEqualTo("STATUS"));
        assertThat(ReturnFlowTest.query(dataSource, "SELECT count(*) FROM return_view WHERE shipment_id = ?", shipmentId))
                .isEqualTo(1);
    }

    @Test
    void underInspectNothingIsRestockedUntilTheInspectionThenOnlyRestockItems() throws Exception {
        String warehouse = "wh-inspect-" + RUN;
        String token = TestTokens.erp(INSPECTING);
        String shipmentId = shipped(INSPECTING, warehouse, Map.of("SKU-A", 2, "SKU-B", 1, "SKU-C", 4));
        String id = register(token, shipmentId, item("SKU-A", 2), item("SKU-B", 1));

        // The parcel comes back on the original label: the API return is the one in transit and received.
        TestKafka.send(ReturnFlowTest.record(status(shipmentId, INSPECTING, TrackingStatus.RETURNING, "Returning"),
                UUID.randomUUID().toString()));
        String returned = UUID.randomUUID().toString();
        TestKafka.send(ReturnFlowTest.record(status(shipmentId, INSPECTING, TrackingStatus.RETURNED, "Returned"), returned));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, returned));
        given().auth().oauth2(token).get("/api/v1/returns/" + id).then().statusCode(200)
                .body("status", equalTo("RECEIVED")).body("policy", equalTo("INSPECT")).body("stockAdjustments", empty());
        // What the API return did not claim (SKU-C) came back too, as the carrier's return.
        given().auth().oauth2(token).get("/api/v1/returns/" + ReturnEvents.carrierReturnId(shipmentId)).then().statusCode(200)
                .body("status", equalTo("RECEIVED")).body("items", hasSize(1)).body("items[0].sku", equalTo("SKU-C"));

        await().atMost(PATIENCE).until(() -> ReturnFlowTest.relayedPast(dataSource, ReturnFlowTest.streamOf(id)));
        assertThat(TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), 1, QUIET)).isEmpty();

        given().auth().oauth2(token).contentType(ContentType.JSON).body(inspection(inspected("SKU-A", "RESTOCK", 1)))
                .post("/api/v1/returns/" + id + "/inspection").then().statusCode(422).contentType("application/problem+json")
                .body("violations", hasSize(2));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(inspection(inspected("SKU-A", "LOST", 1)))
                .post("/api/v1/returns/" + id + "/inspection").then().statusCode(400);

        Map<String, Object> verdict = inspection(inspected("SKU-A", "RESTOCK", 1), inspected("SKU-A", "DAMAGED", 1),
                inspected("SKU-B", "MISSING", 1));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(verdict)
                .post("/api/v1/returns/" + id + "/inspection").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("inspection", hasSize(3)).body("stockAdjustments", hasSize(1));
        // Sent again (a retry): the same answer, nothing more decided.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(verdict)
                .post("/api/v1/returns/" + id + "/inspection").then().statusCode(200).body("status", equalTo("CLOSED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(inspection(inspected("SKU-A", "RESTOCK", 2),
                        inspected("SKU-B", "RESTOCK", 1)))
                .post("/api/v1/returns/" + id + "/inspection").then().statusCode(409);

        await().atMost(PATIENCE).until(() -> ReturnFlowTest.relayedPast(dataSource, ReturnFlowTest.streamOf(id)));
        var adjustments = TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), 2, QUIET)
                .stream().map(r -> read(r, StockAdjusted.class)).toList();
        assertThat(adjustments).singleElement().satisfies(a -> {
            assertThat(a.sku()).isEqualTo("SKU-A");
            assertThat(a.quantityDelta()).isEqualTo(1);
            assertThat(a.warehouseId()).isEqualTo(warehouse);
            assertThat(a.returnId()).isEqualTo(id);
            assertThat(a.adjustmentId()).isEqualTo(ReturnEvents.adjustmentId(id, "SKU-A", warehouse));
        });
    }

    @Test
    void aShipmentValidatedRedeliveredChangesNothing() throws Exception {
        String shipmentId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        var record = shipmentValidated(shipmentId, TENANT, "  ", Map.of("SKU-A", 1), messageId);
        TestKafka.send(record);
        TestKafka.send(record);
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, messageId));
        assertThat(ReturnFlowTest.query(dataSource,
                "SELECT count(*) FROM shipped_shipment WHERE shipment_id = ? AND warehouse_id = 'main'", shipmentId))
                .as("a sender without a name: the default warehouse").isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    /** Sends ShipmentValidated and waits until the service has recorded it; returns the shipment id. */
    String shipped(String tenant, String senderName, Map<String, Integer> items) {
        String shipmentId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        TestKafka.send(shipmentValidated(shipmentId, tenant, senderName, items, messageId));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, messageId));
        return shipmentId;
    }

    static ProducerRecord<String, byte[]> shipmentValidated(String shipmentId, String tenant, String senderName,
            Map<String, Integer> items, String messageId) {
        return shipmentValidated(shipmentId, tenant, senderName, items, messageId, "sandbox");
    }

    static ProducerRecord<String, byte[]> shipmentValidated(String shipmentId, String tenant, String senderName,
            Map<String, Integer> items, String messageId, String carrier) {
        Address sender = new Address(senderName, null, List.of("Calle Mayor 1"), "Madrid", null, "28013", "ES", null, null);
        Address recipient = new Address("Ana", null, List.of("Calle Luna 2"), "Madrid", null, "28004", "ES", null, null);
        // Two parcels, the first SKU split across them: returns count units over the whole shipment.
        List<Item> first = new ArrayList<>();
        List<Item> second = new ArrayList<>();
        items.forEach((sku, quantity) -> {
            if (quantity > 1 && second.isEmpty()) {
                first.add(new Item(sku, sku, quantity - 1, null, null, null));
                second.add(new Item(sku, sku, 1, null, null, null));
            } else {
                first.add(new Item(sku, sku, quantity, null, null, null));
            }
        });
        List<Parcel> parcels = new ArrayList<>();
        parcels.add(new Parcel(1000, new Dimensions(300, 200, 100), first));
        if (!second.isEmpty()) {
            parcels.add(new Parcel(500, new Dimensions(200, 100, 100), second));
        }
        var event = new ShipmentValidated(shipmentId, tenant, "ORDER-" + shipmentId.substring(0, 6), sender, recipient,
                parcels, carrier, carrier == null ? null : "standard", carrier == null ? "CHEAPEST" : null, "PDF", null,
                OffsetDateTime.now());
        return CloudEventRecords.write(PublicEvents.outbound(event), messageId, URI.create("/order-service"),
                OffsetDateTime.now(), null);
    }

    static StatusChanged status(String shipmentId, String tenant, TrackingStatus status, String description) {
        OffsetDateTime now = OffsetDateTime.now();
        return new StatusChanged(shipmentId, tenant, "WB" + shipmentId.substring(0, 8), "sandbox", status, null,
                status.name().substring(0, 3), description, null, "WEBHOOK", false, now.minusMinutes(5), now);
    }

    @SafeVarargs
    static String register(String token, String shipmentId, Map<String, Object>... items) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(request(shipmentId, "Changed my mind", items))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
    }

    @SafeVarargs
    static Map<String, Object> request(String shipmentId, String reason, Map<String, Object>... items) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("shipmentId", shipmentId);
        body.put("reason", reason);
        body.put("items", List.of(items));
        return body;
    }

    static Map<String, Object> item(String sku, int quantity) {
        return Map.of("sku", sku, "quantity", quantity);
    }

    @SafeVarargs
    static Map<String, Object> inspection(Map<String, Object>... items) {
        return Map.of("items", List.of(items));
    }

    static Map<String, Object> inspected(String sku, String outcome, int quantity) {
        return Map.of("sku", sku, "outcome", outcome, "quantity", quantity);
    }

    static <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            return ContractsJson.mapper().readValue(record.value(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
