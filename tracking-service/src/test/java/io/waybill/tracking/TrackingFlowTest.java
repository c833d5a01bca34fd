package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import io.waybill.tracking.webhooks.WebhookSignature;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** tracking-service against the real Kafka and PostgreSQL: registration, signed webhooks, StatusChanged. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class TrackingFlowTest {

    static final String SECRET = "sandbox-webhook-secret";

    @Test
    void aSignedWebhookForARegisteredNumberBecomesOneStatusChanged() {
        String shipmentId = UUID.randomUUID().toString();
        String number = "SB" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + "WB";
        register(shipmentId, number);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.erp("acme"))
                .get("/api/v1/trackings/sandbox/" + number).then().statusCode(200).body("shipmentId", equalTo(shipmentId)));

        String body = webhook(number, "IN_TRANSIT", "2026-11-25T09:30:00-05:00");
        Webhooks.accepted(post(body, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), body)), "APPLIED");
        Webhooks.accepted(post(body, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), body)), "DUPLICATE");
        String late = webhook(number, "INFO_RECEIVED", "2026-11-25T08:00:00-05:00");
        Webhooks.accepted(post(late, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), late)), "APPLIED");

        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 2, Duration.ofSeconds(10));
        assertThat(changes).as("one StatusChanged: no duplicate, the late event does not move the status back").hasSize(1);
        StatusChanged changed = PublicEvents.read(changes.get(0), StatusChanged.class).event();
        assertThat(changed.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
        assertThat(changed.trackingNumber()).isEqualTo(number);
        assertThat(changed.tenantId()).isEqualTo("acme");
        assertThat(changed.occurredAt().getOffset().getTotalSeconds()).isEqualTo(-5 * 3600);

        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/sandbox/" + number).then().statusCode(200)
                .body("status", equalTo("IN_TRANSIT")).body("events.size()", equalTo(2))
                .body("events[0].carrierCode", equalTo("INFO_RECEIVED"));
        given().auth().oauth2(TestTokens.erp("globex")).get("/api/v1/trackings/sandbox/" + number).then().statusCode(404);
        given().get("/api/v1/trackings/sandbox/" + number).then().statusCode(401);
    }

    @Test
    void badSignaturesReplaysAndMalformedBodiesAreRefused() {
        String body = webhook("SB000000000WB", "DELIVERED", "2026-11-25T09:30:00+01:00");
        post(body, null).then().statusCode(401).contentType("application/problem+json");
        post(body, WebhookSignature.sign("wrong-secret", Instant.now().getEpochSecond(), body)).then().statusCode(401);
        post(body, WebhookSignature.sign(SECRET, Instant.now().minusSeconds(600).getEpochSecond(), body)).then().statusCode(401);
        String tampered = body.replace("DELIVERED", "RETURNED");
        post(tampered, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), body)).then().statusCode(401);

        String malformed = "{\"trackingNumber\": 42}";
        post(malformed, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), malformed)).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aWebhookBeforeRegistrationIsKeptAsAnOrphanAndAppliedOnRegistration() {
        String shipmentId = UUID.randomUUID().toString();
        String number = "SB" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + "WB";
        String body = webhook(number, "OUT_FOR_DELIVERY", "2026-11-25T12:00:00+01:00");
        Webhooks.accepted(post(body, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), body)), "ORPHAN");

        register(shipmentId, number);
        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(changes).hasSize(1);
        assertThat(PublicEvents.read(changes.get(0), StatusChanged.class).event().status())
                .isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
    }

    @Test
    void theParcelOfAReturnLabelNamesTheReturnInItsStatusChanged() {
        String shipmentId = UUID.randomUUID().toString();
        String number = RegistrationTest.sandboxNumber(6);
        String returnId = "ret-" + UUID.randomUUID();
        var label = new LabelGenerated(shipmentId, "acme", "sandbox", "standard", number, List.of(new ParcelLabel(1, number)),
                List.of("PDF", "ZPL"), null, OffsetDateTime.now(), null, null, returnId);
        send(label);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.erp("acme"))
                .get("/api/v1/trackings/sandbox/" + number).then().statusCode(200));
        String body = webhook(number, "IN_TRANSIT", "2026-11-25T09:30:00-05:00");
        Webhooks.accepted(post(body, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), body)), "APPLIED");
        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(changes).hasSize(1);
        assertThat(PublicEvents.read(changes.get(0), StatusChanged.class).event().returnId()).isEqualTo(returnId);
    }

    private static void register(String shipmentId, String number) {
        send(new LabelGenerated(shipmentId, "acme", "sandbox", "standard", number, List.of(new ParcelLabel(1, number)),
                List.of("PDF", "ZPL"), null, OffsetDateTime.now()));
    }

    private static void send(LabelGenerated label) {
        TestKafka.send(CloudEventRecords.write(PublicEvents.outbound(label), UUID.randomUUID().toString(),
                URI.create("/label-service"), OffsetDateTime.now(), null));
    }

    private static io.restassured.response.Response post(String body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return request.post("/webhooks/sandbox");
    }

    static String webhook(String number, String code, String occurredAt) {
        return "{\"trackingNumber\":\"" + number + "\",\"code\":\"" + code + "\",\"description\":\"" + code
                + "\",\"location\":\"Madrid\",\"occurredAt\":\"" + occurredAt + "\"}";
    }
}
