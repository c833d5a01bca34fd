package io.waybill.fulfillment;

import static io.restassured.RestAssured.given;
import static io.waybill.fulfillment.PartnersTestResource.ongoing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Fulfillment;
import io.waybill.contracts.Item;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.TestTokens;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Shipments and CloudEvents as order-service publishes them, and the service's own API, for the flow tests. */
final class FulfillmentTesting {

    private FulfillmentTesting() {
    }

    static ShipmentValidated shipment(String tenant, String partner) {
        String id = UUID.randomUUID().toString();
        Address warehouse = new Address("Lager Borås", "Acme AB", List.of("Lagergatan 1"), "Borås", null, "504 64", "SE",
                null, null);
        Address customer = new Address("Sara Lind", null, List.of("Storgatan 12", "Lgh 1101"), "Göteborg", null, "411 38", "SE",
                "+46 70 123 45 67", "sara@example.se");
        List<Parcel> parcels = List.of(
                new Parcel(1200, new Dimensions(300, 200, 100), List.of(new Item("SKU-1", "Linen shirt", 2, null, null, null))),
                new Parcel(800, new Dimensions(200, 200, 100), List.of(new Item("SKU-1", "Linen shirt", 1, null, null, null),
                        new Item("SKU-2", "Wool socks", 3, null, null, null))));
        return new ShipmentValidated(id, tenant, "SO-" + id.substring(0, 8), warehouse, customer, parcels, "postnord",
                "parcel", null, "PDF", null, OffsetDateTime.now(), new Fulfillment(partner, "STO"));
    }

    /** Ongoing (WireMock) takes the shipment's order as {@code orderId} and shows it with {@code status}. */
    static void sentToOngoing(ShipmentValidated shipment, int orderId, int status, String text) {
        ongoing.stubFor(WireMock.put(WireMock.urlPathEqualTo("/api/v1/orders")).withRequestBody(WireMock.matchingJsonPath(
                "$.orderNumber", WireMock.equalTo(shipment.shipmentId())))
                .willReturn(json(200, "{\"orderId\": " + orderId + ", \"message\": \"ok\"}")));
        ongoing.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/v1/orders/" + orderId)).willReturn(json(200, """
                {"orderInfo": {"orderId": %d, "orderNumber": "%s", "orderStatus": {"number": %d, "text": "%s"}}}
                """.formatted(orderId, shipment.shipmentId(), status, text))));
    }

    static ProducerRecord<String, byte[]> record(PublicEvent event, String id) {
        return CloudEventRecords.write(PublicEvents.outbound(event), id, URI.create("/order-service"), OffsetDateTime.now(), null);
    }

    static ProducerRecord<String, byte[]> record(PublicEvent event) {
        return record(event, UUID.randomUUID().toString());
    }

    static Map<String, Object> view(String tenant, String shipmentId) {
        return given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/fulfillment-orders/" + shipmentId)
                .then().extract().jsonPath().getMap("$");
    }

    /** The types of the order's recorded events, oldest first. */
    static List<String> history(String tenant, String shipmentId) {
        return given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/fulfillment-orders/" + shipmentId)
                .then().extract().jsonPath().getList("history.type", String.class);
    }

    /** The merchant's cancellation as order-service publishes it. */
    static ShipmentCancelled cancellation(ShipmentValidated shipment) {
        return new ShipmentCancelled(shipment.shipmentId(), shipment.tenantId(), shipment.orderReference(), "cancelled by erp",
                OffsetDateTime.now());
    }

    /** A JSON answer of the partner's stand-in. */
    static ResponseDefinitionBuilder json(int status, String body) {
        return WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static int statusOf(String tenant, String shipmentId) {
        return given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/fulfillment-orders/" + shipmentId).statusCode();
    }
}
