package io.waybill.label.labelling;

import static io.restassured.RestAssured.given;
import static io.waybill.label.labelling.LabelFixtures.cloudEvent;
import static io.waybill.label.labelling.LabelFixtures.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pickups of labelled sandbox shipments: the carrier's confirmation, tenant isolation, problem+json. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_test"))
class PickupsTest {

    private static final String URL = "/api/v1/pickups";

    @Test
    void aPickupOfLabelledShipmentsIsConfirmedAndServedToItsTenantOnly() {
        ShipmentValidated shipment = shipment("SO-" + UUID.randomUUID(), "sandbox", 2);
        TestKafka.send(cloudEvent(shipment));
        var generated = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertThat(generated).hasSize(1);
        String tracking = PublicEvents.read(generated.get(0), LabelGenerated.class).event().trackingNumber();
        String acme = TestTokens.erp("acme");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        String id = given().auth().oauth2(acme).contentType(ContentType.JSON)
                .body(pickup(tomorrow, "09:00", "13:00", shipment.sender(), shipment.shipmentId()))
                .post(URL).then().statusCode(201)
                .body("confirmationNumber", startsWith("SBP")).body("carrier", is("sandbox"))
                .body("trackingNumbers", contains(tracking)).body("date", is(tomorrow))
                .extract().path("id");

        given().auth().oauth2(acme).get(URL + "/" + id).then().statusCode(200)
                .body("shipmentIds", contains(shipment.shipmentId())).body("readyFrom", startsWith("09:00"));
        given().auth().oauth2(TestTokens.erp("globex")).get(URL + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(acme).get(URL + "/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(TestTokens.erp("globex")).contentType(ContentType.JSON)
                .body(pickup(tomorrow, "09:00", "13:00", shipment.sender(), shipment.shipmentId()))
                .post(URL).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(acme).contentType(ContentType.JSON)
                .body(pickup(tomorrow, "09:00", "13:00", shipment.sender(), UUID.randomUUID().toString()))
                .post(URL).then().statusCode(404);
    }

    @Test
    void aPastDateOrAnEmptyWindowIsUnprocessable() {
        ShipmentValidated shipment = shipment("SO-" + UUID.randomUUID(), "sandbox", 1);
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON)
                .body(pickup(yesterday, "13:00", "09:00", shipment.sender(), shipment.shipmentId()))
                .post(URL).then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("date", "readyUntil"));
        given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON).body("{\"date\": \"tomorrow\"}")
                .post(URL).then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").post(URL).then().statusCode(401);
    }

    private static Map<String, Object> pickup(String date, String from, String until, Object address, String shipmentId) {
        return Map.of("carrier", "sandbox", "date", date, "readyFrom", from, "readyUntil", until, "address", address,
                "shipmentIds", List.of(shipmentId));
    }
}
