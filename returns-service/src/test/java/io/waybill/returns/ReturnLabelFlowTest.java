package io.waybill.returns;

import static io.restassured.RestAssured.given;
import static io.waybill.returns.ReturnFixtures.PATIENCE;
import static io.waybill.returns.ReturnFixtures.deliver;
import static io.waybill.returns.ReturnFixtures.outboundLabel;
import static io.waybill.returns.ReturnFixtures.returnLabel;
import static io.waybill.returns.ReturnFixtures.returnLabelFailed;
import static io.waybill.returns.ReturnFixtures.status;
import static io.waybill.returns.ReturnFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.Item;
import io.waybill.contracts.ReturnLabelRequested;
import io.waybill.contracts.StockAdjusted;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Return labels end to end on the real PostgreSQL and Kafka: the request published for label-service,
 * its answer (number or failure) on the return, and the return parcel followed by its number.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_returns_test"))
class ReturnLabelFlowTest {

    // Configured in application.properties (%test): a returns warehouse RET-MAD-1 and AUTO_RESTOCK.
    static final String WAREHOUSE_TENANT = "warehouse-test-tenant";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String TENANT = "labels-" + RUN;
    static final Duration QUIET = Duration.ofSeconds(4);

    @Inject
    AgroalDataSource dataSource;

    String shipped(String tenant, Map<String, Integer> items, String carrier) {
        String shipmentId = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        TestKafka.send(ReturnLifecycleTest.shipmentValidated(shipmentId, tenant, "Almacén Central", items, messageId, carrier));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, messageId));
        return shipmentId;
    }

    static Map<String, Object> withLabel(String shipmentId, Object returnLabel, Map<String, Object> item) {
        Map<String, Object> body = new LinkedHashMap<>(ReturnLifecycleTest.request(shipmentId, "Too small", item));
        body.put("returnLabel", returnLabel);
        return body;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReturnLabelIsRequestedThenTheReturnParcelIsFollowedByItsNumberAndRestockedOnceIntoTheReturnsWarehouse()
            throws Exception {
        String token = TestTokens.erp(WAREHOUSE_TENANT);
        String shipmentId = shipped(WAREHOUSE_TENANT, Map.of("SKU-A", 2, "SKU-B", 1), "sandbox");
        // The outbound label was Koiki's (a CHEAPEST choice, say): that is the default return carrier.
        deliver(dataSource, outboundLabel(shipmentId, WAREHOUSE_TENANT, "koiki", "KO" + RUN), "/label-service");

        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(withLabel(shipmentId, Map.of("service", "return"), ReturnLifecycleTest.item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(201)
                .body("returnLabelRequested", equalTo(true)).body("returnLabel.status", equalTo("REQUESTED"))
                .body("returnLabel.carrier", equalTo("koiki")).body("warehouseId", equalTo("RET-MAD-1"))
                .extract().path("id");

        var requests = TestKafka.await(Topics.RETURN_LABEL_REQUESTED, r -> shipmentId.equals(r.key()), 1, PATIENCE);
        assertThat(requests).hasSize(1);
        ReturnLabelRequested request = ReturnLifecycleTest.read(requests.get(0), ReturnLabelRequested.class);
        assertThat(request.returnId()).isEqualTo(id);
        assertThat(request.tenantId()).isEqualTo(WAREHOUSE_TENANT);
        assertThat(request.carrier()).isEqualTo("koiki");
        assertThat(request.service()).isEqualTo("return");
        assertThat(request.labelFormat()).isEqualTo("PDF");
        assertThat(request.reference()).isEqualTo(id);
        assertThat(request.sender().name()).as("the customer sends it back").isEqualTo("Ana");
        assertThat(request.recipient().name()).isEqualTo("Returns Madrid");
        assertThat(request.recipient().lines()).containsExactly("Calle Devoluciones 5", "Nave 3");
        assertThat(request.recipient().country()).isEqualTo("ES");
        assertThat(request.parcels()).singleElement().satisfies(parcel -> {
            assertThat(parcel.items()).extracting(Item::sku, Item::quantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-A", 1));
            assertThat(parcel.weightGrams()).isPositive();
        });

        String number = "KOR" + RUN;
        deliver(dataSource, returnLabel(shipmentId, WAREHOUSE_TENANT, "koiki", number, id), "/label-service");
        Map<String, Object> labelled = view(token, id);
        assertThat(labelled).containsEntry("returnTrackingNumber", number).containsEntry("returnCarrier", "koiki")
                .containsEntry("status", "REGISTERED");
        assertThat((Map<String, Object>) labelled.get("returnLabel")).containsEntry("status", "ISSUED")
                .containsEntry("labelId", "lbl_" + number);

        // The return parcel, by its number alone (no returnId): picked up, then delivered to the warehouse.
        deliver(dataSource, status(shipmentId, WAREHOUSE_TENANT, number, TrackingStatus.IN_TRANSIT, "Picked up", null),
                "/tracking-service");
        assertThat(view(token, id)).containsEntry("status", "IN_TRANSIT");
        var delivered = status(shipmentId, WAREHOUSE_TENANT, number, TrackingStatus.DELIVERED, "Delivered", null);
        deliver(dataSource, delivered, "/tracking-service");
        deliver(dataSource, delivered, "/tracking-service"); // reported again under another message id
        Map<String, Object> closed = view(token, id);
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("policy", "AUTO_RESTOCK");
        assertThat((List<?>) closed.get("stockAdjustments")).hasSize(1);

        await().atMost(PATIENCE).until(() -> ReturnFlowTest.relayedPast(dataSource, ReturnFlowTest.streamOf(id)));
        var adjustments = TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), 2, QUIET).stream()
                .map(r -> ReturnLifecycleTest.read(r, StockAdjusted.class)).toList();
        assertThat(adjustments).singleElement().satisfies(a -> {
            assertThat(a.warehouseId()).isEqualTo("RET-MAD-1");
            assertThat(a.sku()).isEqualTo("SKU-A");
            assertThat(a.quantityDelta()).isEqualTo(1);
            assertThat(a.returnId()).isEqualTo(id);
        });
    }

    @Test
    void aStatusThatOvertakesItsLabelIsMatchedByReturnIdAndTheOutboundParcelLeavesALabelledReturnAlone() {
        String token = TestTokens.erp(TENANT);
        String shipmentId = shipped(TENANT, Map.of("SKU-A", 1), "sandbox");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(withLabel(shipmentId, true, ReturnLifecycleTest.item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(201).body("returnLabel.carrier", equalTo("sandbox"))
                .body("warehouseId", equalTo("Almacén Central")).extract().path("id");

        // tracking-service's status of the return parcel (in customs: moving) arrives before label-service's LabelGenerated.
        deliver(dataSource, status(shipmentId, TENANT, "SBXR" + RUN, TrackingStatus.CUSTOMS, "Customs clearance", id),
                "/tracking-service");
        assertThat(view(token, id)).containsEntry("status", "IN_TRANSIT");
        // Another tenant's event naming this return moves nothing.
        deliver(dataSource, status(shipmentId, "other-" + RUN, "SBXR" + RUN, TrackingStatus.DELIVERED, "Delivered", id),
                "/tracking-service");
        assertThat(view(token, id)).containsEntry("status", "IN_TRANSIT");
        // The outbound parcel going back to the sender is not this return's parcel.
        deliver(dataSource, status(shipmentId, TENANT, "SBX" + RUN, TrackingStatus.RETURNED, "Returned", null),
                "/tracking-service");
        assertThat(view(token, id)).containsEntry("status", "IN_TRANSIT");
    }

    @Test
    void aReturnLabelFailureIsVisibleOnTheReturn() {
        String token = TestTokens.erp(TENANT);
        String shipmentId = shipped(TENANT, Map.of("SKU-A", 1), "koiki");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(withLabel(shipmentId, Map.of("format", "ZPL"), ReturnLifecycleTest.item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(201).extract().path("id");
        deliver(dataSource, returnLabelFailed(shipmentId, TENANT, id), "/label-service");
        given().auth().oauth2(token).get("/api/v1/returns/" + id).then().statusCode(200)
                .body("returnLabel.status", equalTo("FAILED"))
                .body("returnLabel.labelFormat", equalTo("ZPL"))
                .body("returnLabel.failureCode", equalTo("INVALID_POSTAL_CODE"))
                .body("returnLabel.failureReason", equalTo("Koiki does not collect at 00000"))
                .body("returnLabel.retryable", equalTo(false));
        given().auth().oauth2(TestTokens.erp("other-" + RUN)).get("/api/v1/returns/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badReturnLabelOptionsAreEachListedAndAnUnknownCarrierIsUnprocessable() {
        String token = TestTokens.erp(TENANT);
        String shipmentId = shipped(TENANT, Map.of("SKU-A", 1), "sandbox");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(withLabel(shipmentId, "yes", ReturnLifecycleTest.item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("returnLabel"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(withLabel(shipmentId, Map.of("format", "GIF", "carrier", " ", "colour", "red"),
                        ReturnLifecycleTest.item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("returnLabel.format", "returnLabel.carrier", "returnLabel.colour"));

        // Carrier chosen by rule and no label generated yet: the carrier must be named.
        String byRule = shipped(TENANT, Map.of("SKU-A", 1), null);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(withLabel(byRule, true, ReturnLifecycleTest.item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("returnLabel.carrier"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(withLabel(byRule, Map.of("carrier", "sandbox"), ReturnLifecycleTest.item("SKU-A", 1)))
                .post("/api/v1/returns").then().statusCode(201).body("returnLabel.carrier", equalTo("sandbox"));
    }
}
