package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manual events (own fleet, local couriers) and the localized timeline; both tenant-isolated. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class ManualEventsAndTimelineTest {

    @Test
    void aManualDeliveredEventFlowsOnAsStatusChangedOnceAndKeepsItsOffset() {
        String number = RegistrationTest.sandboxNumber(1);
        String shipmentId = register(number);
        Map<String, String> delivered = Map.of("status", "delivered", "occurredAt", "2026-11-25T14:05:00-03:00",
                "description", "Entregue ao porteiro", "location", "Sao Paulo");
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body(delivered)
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(201).body("outcome", equalTo("APPLIED"))
                .body("carrier", equalTo("sandbox"));
        // the same event again (a retry, or the courier's own partner token): stored once
        given().auth().oauth2(TestTokens.carrier("acme")).contentType("application/json").body(delivered)
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(200).body("outcome", equalTo("DUPLICATE"));

        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 2, Duration.ofSeconds(10));
        assertThat(changes).hasSize(1);
        StatusChanged changed = PublicEvents.read(changes.get(0), StatusChanged.class).event();
        assertThat(changed.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(changed.source()).isEqualTo("API");
        assertThat(changed.carrierCode()).isEqualTo("MANUAL_DELIVERED");
        assertThat(changed.occurredAt().getOffset().getTotalSeconds()).isEqualTo(-3 * 3600);
    }

    @Test
    void invalidEventsListEveryViolationAndOtherTenantsGet404() {
        String number = RegistrationTest.sandboxNumber(2);
        register(number);
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("status", "TELEPORTED", "occurredAt", "yesterday"))
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(422)
                .contentType("application/problem+json").body("violations.field", containsInAnyOrder("status", "occurredAt"));
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body("{\"status\":")
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(400)
                .contentType("application/problem+json");
        Map<String, String> valid = Map.of("status", "DELIVERED", "occurredAt", "2026-11-25T14:05:00+01:00");
        given().auth().oauth2(TestTokens.erp("globex")).contentType("application/json").body(valid)
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(404);
        given().auth().oauth2(TestTokens.carrier("globex")).contentType("application/json").body(valid)
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(404);
        given().contentType("application/json").body(valid).post("/api/v1/trackings/" + number + "/events").then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body(valid)
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(403);
    }

    @Test
    void theTimelineDescribesStatusesInTheAskedLanguage() {
        String number = RegistrationTest.sandboxNumber(3);
        register(number);
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("status", "OUT_FOR_DELIVERY", "occurredAt", "2026-11-25T08:00:00+01:00"))
                .post("/api/v1/trackings/" + number + "/events").then().statusCode(201);
        String path = "/api/v1/trackings/sandbox/" + number;
        given().auth().oauth2(TestTokens.erp("acme")).get(path).then().statusCode(200).header("Content-Language", "en")
                .body("statusDescription", equalTo("Out for delivery")).body("events", hasSize(1))
                .body("events[0].occurredAt", equalTo("2026-11-25T08:00:00+01:00"));
        given().auth().oauth2(TestTokens.erp("acme")).header("Accept-Language", "sv-SE, en;q=0.5").get(path).then()
                .statusCode(200).body("language", equalTo("sv")).body("events[0].statusDescription", equalTo("Ute för leverans"));
        given().auth().oauth2(TestTokens.erp("acme")).header("Accept-Language", "de, es;q=0.8").get(path).then()
                .statusCode(200).body("statusDescription", equalTo("En reparto"));
        given().auth().oauth2(TestTokens.erp("acme")).header("Accept-Language", "es").queryParam("lang", "pt-BR").get(path)
                .then().statusCode(200).body("statusDescription", equalTo("Saiu para entrega"));
        given().auth().oauth2(TestTokens.erp("acme")).queryParam("lang", "fr").get(path).then().statusCode(200)
                .body("statusDescription", equalTo("En cours de livraison"));
        given().auth().oauth2(TestTokens.erp("acme")).queryParam("lang", "xx").get(path).then().statusCode(200)
                .body("language", equalTo("en"));
        given().auth().oauth2(TestTokens.erp("globex")).queryParam("lang", "fr").get(path).then().statusCode(404);
    }

    private static String register(String number) {
        return given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", number)).post("/api/v1/trackings").then().statusCode(201)
                .extract().path("shipmentId");
    }
}
