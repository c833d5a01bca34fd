package io.waybill.order.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.Address;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Fulfillment;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PublicEvents;
import io.waybill.order.intake.ShipmentSamples;
import io.waybill.order.shipment.ShipmentDetails;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Routing to fulfillment partners end to end: request in, ShipmentValidated.fulfillment on the real broker.
 * Routes come from %test properties: tenant routed-tenant → ongoing/STO, warehouse "Lager Nord" → file-drop.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_order_test"))
class FulfillmentRoutingTest {

    @Test
    void theRequestThenTheWarehouseThenTheTenantChooseThePartner() throws Exception {
        ShipmentDetails plain = ShipmentSamples.withReference("SO-" + UUID.randomUUID());
        String byTenant = submit(TestTokens.erp("routed-tenant"), plain);
        String byWarehouse = submit(TestTokens.erp("acme"), from("Lager Nord", plain));
        String byRequest = submit(TestTokens.erp("routed-tenant"), withFulfillment(plain, new Fulfillment("file-drop", "GBG")));
        String notRouted = submit(TestTokens.erp("acme"), plain);

        Set<String> ids = Set.of(byTenant, byWarehouse, byRequest, notRouted);
        Map<String, ShipmentValidated> published = TestKafka.await(Topics.SHIPMENT_VALIDATED, r -> ids.contains(r.key()), 4,
                Duration.ofSeconds(30)).stream().map(r -> PublicEvents.read(r, ShipmentValidated.class).event())
                .collect(Collectors.toMap(ShipmentValidated::shipmentId, Function.identity()));

        assertThat(published).hasSize(4);
        assertThat(published.get(byTenant).fulfillment()).isEqualTo(new Fulfillment("ongoing", "STO"));
        assertThat(published.get(byWarehouse).fulfillment()).isEqualTo(new Fulfillment("file-drop", null));
        assertThat(published.get(byRequest).fulfillment()).isEqualTo(new Fulfillment("file-drop", "GBG"));
        assertThat(published.get(notRouted).fulfillment()).isNull();
        // The merchant's carrier choice travels on as the partner's way of delivery.
        assertThat(published.get(byTenant).carrier()).isEqualTo("sandbox");
    }

    @Test
    void anUnknownOrMalformedPartnerIsRefusedWithEveryViolation() throws Exception {
        ShipmentDetails plain = ShipmentSamples.withReference("SO-" + UUID.randomUUID());
        given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(withFulfillment(plain, new Fulfillment("pigeon-post", " "))))
                .post("/api/v1/shipments").then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItem("fulfillment.partner"))
                .body("violations.field", hasItem("fulfillment.warehouse"));
        given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(withFulfillment(plain, new Fulfillment("Ongoing WMS", null))))
                .post("/api/v1/shipments").then().statusCode(422)
                .body("violations[0].field", equalTo("fulfillment.partner"));
    }

    static String submit(String token, ShipmentDetails details) throws Exception {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(ContractsJson.mapper().writeValueAsString(details))
                .post("/api/v1/shipments").then().statusCode(201).extract().path("id");
    }

    static ShipmentDetails from(String warehouse, ShipmentDetails d) {
        Address s = d.sender();
        Address sender = new Address(warehouse, s.company(), s.lines(), s.city(), s.region(), s.postalCode(), s.country(),
                s.phone(), s.email());
        return new ShipmentDetails(d.orderReference(), sender, d.recipient(), d.parcels(), d.carrier(), d.service(),
                d.selectionRule(), d.labelFormat(), d.fiscalDocument());
    }

    static ShipmentDetails withFulfillment(ShipmentDetails d, Fulfillment fulfillment) {
        return new ShipmentDetails(d.orderReference(), d.sender(), d.recipient(), d.parcels(), d.carrier(), d.service(),
                d.selectionRule(), d.labelFormat(), d.fiscalDocument(), fulfillment);
    }
}
