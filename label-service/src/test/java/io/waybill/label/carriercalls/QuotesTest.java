package io.waybill.label.carriercalls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.label.labelling.LabelFixtures;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestTokens;
import java.util.Map;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quotes from every carrier at once: the sandbox prices, Koiki (no rating API) is listed with its error. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_ft_test"))
@QuarkusTestResource(KoikiStandIn.class)
class QuotesTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void closedBreakers() {
        breakers.resetAll(); // other tests of this app open the Koiki account's breaker on purpose
    }

    @Test
    void everyCarrierIsAskedAndAFailingOneIsListedNotFatal() {
        ShipmentValidated shipment = LabelFixtures.shipment("Q-1", null, 2);
        given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON)
                .body(Map.of("sender", shipment.sender(), "recipient", shipment.recipient(), "parcels", shipment.parcels()))
                .post("/api/v1/quotes").then().statusCode(200)
                .body("quotes.service", contains("standard", "express"))
                .body("quotes.carrier", everyItem(is("sandbox")))
                .body("quotes[0].price.amount", is(7.30f)).body("quotes[0].price.currency", is("EUR"))
                .body("quotes[0].transitDays", is(3))
                .body("errors.carrier", containsInAnyOrder("koiki"))
                .body("errors[0].code", is("KOIKI_UNSUPPORTED"));
    }

    @Test
    void badInputListsEveryViolation() {
        given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON)
                .body(Map.of("sender", Map.of("city", "Madrid", "country", "Spain"), "parcels", java.util.List.of(
                        Map.of("weightGrams", 0))))
                .post("/api/v1/quotes").then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("sender.country", "recipient", "parcels[0].weightGrams"));
        given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON).body("[1,")
                .post("/api/v1/quotes").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/quotes").then().statusCode(401);
    }
}
