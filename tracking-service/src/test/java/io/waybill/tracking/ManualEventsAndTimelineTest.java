package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
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
import io.waybill.tracking.webhooks.WebhookSignature;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void theTimelineDescribesSubStatusesInTheAskedLanguage() {
        String number = RegistrationTest.sandboxNumber(4);
        register(number);
        sandboxWebhook(number, "BEAMED_UP", "2026-11-24T18:00:00+01:00"); // no table knows it: exception.unmapped
        sandboxWebhook(number, "SB20", "2026-11-25T08:00:00+01:00"); // in_transit.picked_up
        sandboxWebhook(number, "IN_TRANSIT", "2026-11-25T12:00:00+01:00"); // no sub-status
        sandboxWebhook(number, "SB51", "2026-11-26T10:00:00+01:00"); // delivery_failed.recipient_absent
        String path = "/api/v1/trackings/sandbox/" + number;

        given().auth().oauth2(TestTokens.erp("acme")).queryParam("lang", "es").get(path).then().statusCode(200)
                .header("Content-Language", "es")
                .body("subStatus", equalTo("delivery_failed.recipient_absent"))
                .body("statusDescription", equalTo("Intento de entrega fallido"))
                .body("subStatusDescription", equalTo("El destinatario estaba ausente"))
                .body("events.subStatus", contains("exception.unmapped", "in_transit.picked_up", null,
                        "delivery_failed.recipient_absent"))
                .body("events.subStatusDescription", contains("Actualización del transportista aún sin clasificar",
                        "Recogido por el transportista", null, "El destinatario estaba ausente"));
        given().auth().oauth2(TestTokens.erp("acme")).header("Accept-Language", "sv-SE, en;q=0.5").get(path).then()
                .statusCode(200).body("language", equalTo("sv"))
                .body("subStatusDescription", equalTo("Mottagaren var inte anträffbar"))
                .body("events.subStatusDescription", contains("Uppdatering från transportören, ännu inte klassad",
                        "Upphämtat av transportören", null, "Mottagaren var inte anträffbar"));
        given().auth().oauth2(TestTokens.erp("acme")).get(path).then().statusCode(200)
                .body("subStatusDescription", equalTo("The recipient was not available"))
                .body("events[1].subStatusDescription", equalTo("Picked up by the carrier"));
    }

    private static void sandboxWebhook(String number, String code, String occurredAt) {
        String body = TrackingFlowTest.webhook(number, code, occurredAt);
        Webhooks.accepted(given().contentType("application/json").header(WebhookSignature.HEADER,
                WebhookSignature.sign(TrackingFlowTest.SECRET, Instant.now().getEpochSecond(), body)).body(body)
                .post("/webhooks/sandbox"), "APPLIED");
    }

    private static String register(String number) {
        return given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", number)).post("/api/v1/trackings").then().statusCode(201)
                .extract().path("shipmentId");
    }
}
