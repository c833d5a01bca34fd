package io.waybill.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestTokens;
import io.waybill.tracking.polling.PollScheduler;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler against a WireMock Koiki: its rate limit over 10,000 trackings, 429 with Retry-After, 5xx and timeouts. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_load"))
@QuarkusTestResource(KoikiWireMock.class)
class PollingLoadTest {

    private static final String TRACK = "/kis/api/v1/service/track/see";
    private static final String IN_TRANSIT = "{\"result\":[{\"servicio\":\"Estandar\",\"codEstado\":\"Llegada a Koiki\","
            + "\"date\":\"2026-11-25T09:49:37+0100\",\"code\":102}]}";

    @Inject
    PollScheduler scheduler;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void inTransitForEveryNumber() {
        KoikiWireMock.server.resetAll();
        KoikiWireMock.server.stubFor(post(urlEqualTo(TRACK)).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(IN_TRANSIT)));
    }

    @Test
    void tenThousandDueTrackingsArePolledInsideTheirWindowWithoutEverExceedingTheRateLimit() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String> numbers = IntStream.range(0, 10_000).mapToObj(i -> "KL" + run + String.format("%05d", i)).toList();
        for (int from = 0; from < numbers.size(); from += 1_000) {
            List<Map<String, String>> items = numbers.subList(from, from + 1_000).stream()
                    .map(n -> Map.of("trackingNumber", n, "carrier", "koiki")).toList();
            given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body(Map.of("items", items))
                    .post("/api/v1/trackings/batch").then().statusCode(200);
        }
        Instant allDue = Instant.now();

        drain();

        // every tracking was asked for exactly once
        List<ServeEvent> calls = KoikiWireMock.server.getAllServeEvents();
        Map<String, Integer> perNumber = new HashMap<>();
        for (ServeEvent call : calls) {
            String code = call.getRequest().getBodyAsString().replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
            if (code.startsWith("KL" + run)) {
                perNumber.merge(code, 1, Integer::sum);
            }
        }
        assertThat(perNumber).hasSize(10_000).allSatisfy((number, count) -> assertThat(count).isEqualTo(1));

        // never more than the limit in any one-second window (rolling, by the time WireMock received each call;
        // +1 for the millisecond resolution of those times)
        List<Long> at = calls.stream().filter(c -> c.getRequest().getBodyAsString().contains("KL" + run)).map(c -> c.getRequest().getLoggedDate().getTime()).sorted().toList();
        int busiest = 0;
        for (int first = 0, last = 0; last < at.size(); last++) {
            while (at.get(last) - at.get(first) >= 1_000) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        assertThat(busiest).as("calls in the busiest second").isLessThanOrEqualTo(KoikiWireMock.RATE_PER_SECOND + 1);
        // and the limit is what bounds the run: 10,000 calls at 80/s take 125 s at least
        long spanMillis = at.get(at.size() - 1) - at.get(0);
        assertThat(spanMillis).isGreaterThanOrEqualTo((10_000L / KoikiWireMock.RATE_PER_SECOND - 1) * 1_000);

        // inside their window: all were due by allDue, and each was polled within the time the rate allows
        // for 10,000 calls (125 s) plus 50% slack for this shared machine
        Duration window = Duration.ofSeconds(10_000L / KoikiWireMock.RATE_PER_SECOND * 3 / 2);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*), max(last_polled_at), min(extract(epoch FROM next_poll_at - last_polled_at)),
                       max(extract(epoch FROM next_poll_at - last_polled_at)),
                       count(*) FILTER (WHERE last_status = 'IN_TRANSIT')
                  FROM poll_schedule WHERE tracking_number LIKE ?
                """)) {
            s.setString(1, "KL" + run + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(10_000);
                assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isBefore(allDue.plus(window));
                // in transit: each next poll an hour after its poll, ± 10 % jitter
                assertThat(rs.getDouble(3)).isGreaterThanOrEqualTo(54 * 60 - 1);
                assertThat(rs.getDouble(4)).isLessThanOrEqualTo(66 * 60 + 1);
                assertThat(rs.getInt(5)).isEqualTo(10_000);
            }
        }
    }

    @Test
    void aThrottledCarrierIsPausedForItsRetryAfterAndErrorsAndTimeoutsBackOff() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String throttled = "KT" + run + "1";
        String failing = "KT" + run + "2";
        String slow = "KT" + run + "3";
        KoikiWireMock.server.stubFor(post(urlEqualTo(TRACK)).atPriority(1).withRequestBody(matchingJsonPath("$.code", 
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(failing)))
                .willReturn(aResponse().withStatus(503).withBody("<html>down</html>")));
        KoikiWireMock.server.stubFor(post(urlEqualTo(TRACK)).atPriority(1).withRequestBody(matchingJsonPath("$.code",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(slow)))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000).withBody(IN_TRANSIT)));
        for (String number : List.of(failing, slow)) {
            register(number);
        }
        drain();
        Map<String, Object> failed = schedule(failing);
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("last_error")).startsWith("KOIKI_HTTP_503");
        assertThat((OffsetDateTime) failed.get("next_poll_at")).isBetween(OffsetDateTime.now().plusSeconds(50),
                OffsetDateTime.now().plusSeconds(70));
        Map<String, Object> timedOut = schedule(slow);
        assertThat(timedOut.get("attempts")).isEqualTo(1);
        assertThat((String) timedOut.get("last_error")).startsWith("KOIKI_TIMEOUT");

        // 429 with Retry-After: 3 s: the tracking waits that long, without an attempt counted
        KoikiWireMock.server.stubFor(post(urlEqualTo(TRACK)).atPriority(1).withRequestBody(matchingJsonPath("$.code",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(throttled)))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        register(throttled);
        drain();
        Map<String, Object> row = schedule(throttled);
        assertThat(row.get("attempts")).isEqualTo(0);
        assertThat((String) row.get("last_error")).startsWith("KOIKI_HTTP_429");
        assertThat((OffsetDateTime) row.get("next_poll_at")).isBetween(OffsetDateTime.now().plus(Duration.ofMillis(2_000)),
                OffsetDateTime.now().plus(Duration.ofMillis(3_500)));
        // while paused, nothing of Koiki is claimed, even when due
        String waiting = "KT" + run + "4";
        register(waiting);
        int before = KoikiWireMock.server.getAllServeEvents().size();
        scheduler.tick();
        assertThat(KoikiWireMock.server.getAllServeEvents()).hasSize(before);
        assertThat(schedule(waiting).get("last_polled_at")).isNull();
        // after the Retry-After, polling resumes
        KoikiWireMock.server.removeStubMapping(KoikiWireMock.server.getStubMappings().stream()
                .filter(m -> m.getResponse().getStatus() == 429).findFirst().orElseThrow());
        Thread.sleep(3_600);
        makeDue(throttled);
        drain();
        assertThat(schedule(throttled).get("last_status")).isEqualTo("IN_TRANSIT");
        assertThat(schedule(waiting).get("last_status")).isEqualTo("IN_TRANSIT");
    }

    private void drain() {
        for (int i = 0; i < 1_000 && scheduler.tick() > 0; i++) {
            // every claimed tracking is rescheduled into the future, so this ends
        }
    }

    private static void register(String number) {
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", number, "carrier", "koiki")).post("/api/v1/trackings").then().statusCode(201);
    }

    private Map<String, Object> schedule(String number) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT next_poll_at, last_status, attempts, last_error, last_polled_at FROM poll_schedule"
                        + " WHERE carrier = 'koiki' AND tracking_number = ?")) {
            s.setString(1, number);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Map<String, Object> row = new HashMap<>();
                row.put("next_poll_at", rs.getObject(1, OffsetDateTime.class));
                row.put("last_status", rs.getString(2));
                row.put("attempts", rs.getInt(3));
                row.put("last_error", rs.getString(4));
                row.put("last_polled_at", rs.getObject(5, OffsetDateTime.class));
                return row;
            }
        }
    }

    private void makeDue(String number) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE poll_schedule SET next_poll_at = now() WHERE carrier = 'koiki' AND tracking_number = ?")) {
            s.setString(1, number);
            s.executeUpdate();
        }
    }
}
