package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import io.waybill.tracking.webhooks.WebhookSignature;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Webhooks stored first, applied by the worker: partner OIDC tokens, per-carrier secrets, the
 * aggregator push (17TRACK and AfterShip shapes), malformed bodies kept, failing ones parked as DEAD.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class WebhookInboxTest {

    static final String AGGREGATOR_SECRET = "test-aggregator-secret";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aCarrierPartnerTokenAuthenticatesItsCarriersWebhooksOnly() {
        String number = CarrierWebhookTest.guide();
        String body = CarrierWebhookTest.webhook(number, "2026-11-25", "10:15:00");
        // no Coordinadora signature: the partner's token stands for it
        Webhooks.accepted(given().auth().oauth2(TestTokens.carrier("coordinadora")).contentType("application/json").body(body)
                .post("/webhooks/coordinadora"), "ORPHAN");
        // the same partner may not push for another carrier; an erp token is no carrier; a forged token is refused
        given().auth().oauth2(TestTokens.carrier("coordinadora")).contentType("application/json").body(body)
                .post("/webhooks/aggregator").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.erp("coordinadora")).contentType("application/json").body(body)
                .post("/webhooks/coordinadora").then().statusCode(403);
        given().auth().oauth2(TestTokens.forged("coordinadora")).contentType("application/json").body(body)
                .post("/webhooks/coordinadora").then().statusCode(401);
    }

    @Test
    void seventeenTrackPushesAreNormalizedAndFiledUnderTheRegisteredCarrier() {
        String number = RegistrationTest.sandboxNumber(3);
        String shipmentId = register(number);
        String body = """
                {"event":"TRACKING_UPDATED","data":{"number":"%s","carrier":190271,"tag":null,"track_info":{
                  "time_metrics":{"estimated_delivery_date":{"source":"Official","from":"2026-11-26T09:00:00+01:00",
                                  "to":"2026-11-26T18:00:00+01:00"}},
                  "latest_status":{"status":"OutForDelivery","sub_status":"OutForDelivery_Other"},
                  "tracking":{"providers":[{"provider":{"key":190271,"name":"Sandbox"},"events":[
                    {"time_iso":"2026-11-25T08:00:00+01:00","time_utc":"2026-11-25T07:00:00Z","description":"Arrived at hub",
                     "location":"Madrid","stage":"InTransit","sub_status":"InTransit_Arrival"},
                    {"time_iso":"2026-11-25T09:30:00+01:00","time_utc":"2026-11-25T08:30:00Z","description":"Out for delivery",
                     "location":"Madrid","stage":"OutForDelivery","sub_status":"OutForDelivery_Other"}]}]}}}}
                """.formatted(number);
        Webhooks.accepted(aggregator(body, sign(body)), "APPLIED");

        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 2, Duration.ofSeconds(20));
        List<StatusChanged> events = changes.stream().map(r -> PublicEvents.read(r, StatusChanged.class).event()).toList();
        assertThat(events).extracting(StatusChanged::status)
                .containsExactly(TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(events.get(1).carrier()).isEqualTo("sandbox");
        assertThat(events.get(1).carrierCode()).isEqualTo("OutForDelivery_Other");
        assertThat(events.get(1).occurredAt().getOffset().getTotalSeconds()).isEqualTo(3600);
        assertThat(events.get(1).estimatedDelivery()).isEqualTo("2026-11-26T18:00:00+01:00");
        // a replayed push is stored again but changes nothing
        Webhooks.accepted(aggregator(body, sign(body)), "DUPLICATE");
    }

    @Test
    void afterShipPushesWithAnUnknownTagAreKeptAsUnmappedAndCounted() {
        String number = RegistrationTest.sandboxNumber(4);
        register(number);
        String body = """
                {"ts":%d,"event":"tracking_update","event_id":"e-1","msg":{"tracking_number":"%s","slug":"sandbox",
                 "tag":"InTransit","subtag":"InTransit_001","checkpoints":[
                   {"checkpoint_time":"2026-11-24T18:00:00-03:00","tag":"InTransit","subtag":"InTransit_001",
                    "message":"Departed","location":"Sao Paulo"},
                   {"checkpoint_time":"2026-11-25T10:00:00-03:00","tag":"Teleported","subtag":"Teleported_042",
                    "message":"Beamed up","location":"Orbit"}]}}
                """.formatted(Instant.now().getEpochSecond(), number);
        Webhooks.accepted(given().auth().oauth2(TestTokens.carrier("aggregator")).contentType("application/json").body(body)
                .post("/webhooks/aggregator"), "APPLIED");

        JsonPath timeline = given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/sandbox/" + number).then()
                .statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("events.status")).containsExactly("IN_TRANSIT", "EXCEPTION");
        assertThat(timeline.getList("events.subStatus")).containsExactly(null, "exception.unmapped");
        assertThat(timeline.getList("events.carrierCode")).containsExactly("InTransit_001", "Teleported_042");
        assertThat(timeline.getString("status")).isEqualTo("EXCEPTION");
        assertThat(timeline.getString("subStatus")).isEqualTo("exception.unmapped");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("waybill_tracking_unmapped_codes_total{carrier=\"sandbox\",code=\"Teleported_042\""));
    }

    @Test
    void aggregatorPushesNeedAuthenticationAndMalformedOnesAreKeptForInspection() {
        String body = "{\"data\":{\"number\":\"RR123456785CN\",\"track_info\":{\"tracking\":{\"providers\":[{\"events\":"
                + "[{\"stage\":\"InTransit\",\"time_iso\":\"yesterday\"}]}]}}}}";
        aggregator(body, null).then().statusCode(401).contentType("application/problem+json");
        aggregator(body, WebhookSignature.sign("wrong", Instant.now().getEpochSecond(), body)).then().statusCode(401);

        aggregator(body, sign(body)).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].message", containsString("time_iso"));
        JsonPath malformed = given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/webhooks?state=MALFORMED&limit=500")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> mine = malformed.<Map<String, Object>>getList("").stream()
                .filter(w -> body.equals(w.get("rawBody"))).toList();
        assertThat(mine).isNotEmpty();
        assertThat(mine.get(0)).containsEntry("carrier", "aggregator").containsEntry("authenticatedBy", "HMAC");
        assertThat((String) mine.get(0).get("reason")).contains("time_iso");
        long id = ((Number) mine.get(0).get("id")).longValue();
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/webhooks/" + id).then().statusCode(200)
                .body("state", equalTo("MALFORMED")).body("rawBody", equalTo(body));
        // operators only
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/admin/webhooks/" + id).then().statusCode(403);
    }

    @Test
    void aWebhookThatKeepsFailingIsParkedAsDeadWithItsReasonAndCanBeReplayed() throws Exception {
        long id;
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO inbound_webhooks (carrier, authenticated_by, state, raw_body, updates_json, next_attempt_at)
                VALUES ('sandbox', 'HMAC', 'RECEIVED', '{}', '[{"trackingNumber": 7}]', now()) RETURNING id
                """)) {
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/admin/webhooks/" + id).then().statusCode(200).body("state", equalTo("DEAD"))
                .body("attempts", equalTo(2)).body("reason", containsString("cannot be read")));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/webhooks/" + id + "/replay").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/admin/webhooks/" + id).then().statusCode(200).body("state", equalTo("DEAD"))
                .body("attempts", equalTo(2)));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/webhooks/999999999/replay").then().statusCode(404);
    }

    private static String register(String number) {
        return given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", number)).post("/api/v1/trackings").then().statusCode(201)
                .extract().path("shipmentId");
    }

    private static String sign(String body) {
        return WebhookSignature.sign(AGGREGATOR_SECRET, Instant.now().getEpochSecond(), body);
    }

    private static io.restassured.response.Response aggregator(String body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return request.post("/webhooks/aggregator");
    }
}
