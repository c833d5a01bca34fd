package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import io.waybill.tracking.polling.PollScheduler;
import io.waybill.tracking.webhooks.WebhookSignature;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Polling against the sandbox plug-in, whose lifecycle is deterministic: a serial ending in 0–6 plays
 * SB10, SB20, SB30, SB40, SB60 (delivered), six hours apart, the last at the current hour.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class PollingTest {

    @Inject
    PollScheduler scheduler;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRegisteredSandboxNumberIsPolledIntoStatusChangedThenConfirmedAndStopped() throws Exception {
        String number = RegistrationTest.sandboxNumber(5);
        String shipmentId = register(number);

        drain();

        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 5, Duration.ofSeconds(30));
        assertThat(changes).hasSize(5);
        List<StatusChanged> events = changes.stream().map(r -> PublicEvents.read(r, StatusChanged.class).event()).toList();
        assertThat(events).allSatisfy(e -> assertThat(e.source()).isEqualTo("POLL"));
        assertThat(events.get(4).status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(events.get(4).trackingNumber()).isEqualTo(number);
        // the sandbox promises delivery at its lifecycle's last hour until the parcel is delivered
        assertThat(events.subList(0, 4)).extracting(StatusChanged::estimatedDelivery).containsOnly(events.get(4).occurredAt());
        assertThat(events.get(4).estimatedDelivery()).isNull();

        Map<String, Object> row = schedule(number);
        assertThat(row.get("final_seen")).isEqualTo(true);
        assertThat((OffsetDateTime) row.get("next_poll_at")).isAfter(OffsetDateTime.now().plusHours(5));
        assertThat(row.get("last_status")).isEqualTo("DELIVERED");

        // the confirming poll: nothing new, and polling stops
        makeDue(number);
        drain();
        row = schedule(number);
        assertThat(row.get("next_poll_at")).isNull();
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/sandbox/" + number).then().statusCode(200)
                .body("status", equalTo("DELIVERED")).body("events.size()", equalTo(5));
    }

    @Test
    void aWebhookEventAndTheSameEventPolledGiveOneTimelineEntry() throws Exception {
        // The sandbox's lifecycle is anchored on the current UTC hour: start clear of an hour boundary so that
        // the whole test runs within one hour (never skipped, at most a 90 s wait).
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime nextHour = now.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        if (java.time.Duration.between(now, nextHour).toSeconds() < 90) {
            Thread.sleep(java.time.Duration.between(now, nextHour).toMillis() + 1_000);
        }
        String number = RegistrationTest.sandboxNumber(2);
        register(number);
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        // SB30 (at the hub) is the third of five events: twelve hours before the last; sent with another offset
        String at = end.minusHours(12).withOffsetSameInstant(ZoneOffset.ofHours(2)).toString();
        String body = TrackingFlowTest.webhook(number, "SB30", at);
        Webhooks.accepted(given().contentType("application/json").header(WebhookSignature.HEADER,
                WebhookSignature.sign(TrackingFlowTest.SECRET, Instant.now().getEpochSecond(), body)).body(body)
                .post("/webhooks/sandbox"), "APPLIED");

        drain();
        assertThat(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS))
                .as("the test ran within one UTC hour (the sandbox's lifecycle anchor)").isEqualTo(end);

        JsonPath timeline = given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/sandbox/" + number).then()
                .statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("events.carrierCode")).containsExactly("SB10", "SB20", "SB30", "SB40", "SB60");
        assertThat(timeline.getList("events.source")).containsExactly("POLL", "POLL", "WEBHOOK", "POLL", "POLL");
        assertThat(timeline.getString("status")).isEqualTo("DELIVERED");
    }

    @Test
    void aCarrierThatCannotBeReachedIsRetriedWithExponentialBackOff() throws Exception {
        // the test Coordinadora account points at a closed port: every track call fails, retryably
        String number = String.format("8%010d", System.nanoTime() % 10_000_000_000L);
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body(Map.of("trackingNumber", number))
                .post("/api/v1/trackings").then().statusCode(201).body("carrier", equalTo("coordinadora"));

        drain();
        Map<String, Object> row = schedule("coordinadora", number);
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).startsWith("COORDINADORA_UNAVAILABLE");
        assertThat((OffsetDateTime) row.get("next_poll_at")).isBetween(OffsetDateTime.now().plusSeconds(50),
                OffsetDateTime.now().plusSeconds(70));

        makeDue("coordinadora", number);
        drain();
        row = schedule("coordinadora", number);
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat((OffsetDateTime) row.get("next_poll_at")).isBetween(OffsetDateTime.now().plusSeconds(100),
                OffsetDateTime.now().plusSeconds(135));
    }

    private void drain() {
        for (int i = 0; i < 100 && scheduler.tick() > 0; i++) {
            // every claimed tracking is rescheduled into the future, so this ends
        }
    }

    private static String register(String number) {
        return given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", number)).post("/api/v1/trackings").then().statusCode(201)
                .body("carrier", equalTo("sandbox")).extract().path("shipmentId");
    }

    private Map<String, Object> schedule(String number) throws Exception {
        return schedule("sandbox", number);
    }

    private Map<String, Object> schedule(String carrier, String number) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT next_poll_at, final_seen, last_status, attempts, last_error FROM poll_schedule"
                        + " WHERE carrier = ? AND tracking_number = ?")) {
            s.setString(1, carrier);
            s.setString(2, number);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                var row = new java.util.HashMap<String, Object>();
                row.put("next_poll_at", rs.getObject(1, OffsetDateTime.class));
                row.put("final_seen", rs.getBoolean(2));
                row.put("last_status", rs.getString(3));
                row.put("attempts", rs.getInt(4));
                row.put("last_error", rs.getString(5));
                return row;
            }
        }
    }

    private void makeDue(String number) throws Exception {
        makeDue("sandbox", number);
    }

    private void makeDue(String carrier, String number) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE poll_schedule SET next_poll_at = now() WHERE carrier = ? AND tracking_number = ?")) {
            s.setString(1, carrier);
            s.setString(2, number);
            s.executeUpdate();
        }
    }
}
