package io.waybill.label.carriercalls;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.EventStore;
import io.waybill.label.labelling.LabelEvents;
import io.waybill.label.labelling.LabelFixtures;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A carrier account's rate limit (2 calls per 3 s here): a synchronous call it refuses answers 429
 * problem+json with {@code Retry-After}; a label purchase it refuses waits and is bought once later,
 * with Koiki stood in by WireMock, on the real Kafka and PostgreSQL.
 */
@QuarkusTest
@TestProfile(RateLimitTest.TightRateLimit.class)
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_ft_test"))
@QuarkusTestResource(KoikiStandIn.class)
class RateLimitTest {

    public static class TightRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The sandbox's own high limit is overridden too: the quote and pickup cases use it.
            return Map.of("waybill.labels.carrier-calls.rate-limit.limit", "2",
                    "waybill.labels.carrier-calls.rate-limit.per-carrier.sandbox", "2",
                    "waybill.labels.carrier-calls.rate-limit.window", "3s");
        }
    }

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void quotesAnswer429WithRetryAfterOnceEveryAccountIsAtItsLimit() {
        ShipmentValidated shipment = LabelFixtures.shipment("Q-RL", null, 1);
        Map<String, Object> body = Map.of("sender", shipment.sender(), "recipient", shipment.recipient(),
                "parcels", shipment.parcels());
        Response refused = untilRefused(() -> given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/quotes"), 200);

        assertRateLimited(refused);
    }

    @Test
    void pickupsAnswer429WithRetryAfterWhenTheAccountIsAtItsLimit() {
        ShipmentValidated shipment = LabelFixtures.shipment("SO-" + UUID.randomUUID(), "sandbox", 1);
        TestKafka.send(LabelFixtures.cloudEvent(shipment));
        assertThat(TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 1,
                Duration.ofSeconds(30))).hasSize(1);
        Map<String, Object> pickup = Map.of("carrier", "sandbox", "date",
                LocalDate.now(ZoneOffset.UTC).plusDays(1).toString(), "readyFrom", "09:00", "readyUntil", "13:00",
                "address", shipment.sender(), "shipmentIds", List.of(shipment.shipmentId()));

        Response refused = untilRefused(() -> given().auth().oauth2(TestTokens.erp("acme")).contentType(ContentType.JSON)
                .body(pickup).post("/api/v1/pickups"), 201);

        assertRateLimited(refused);
    }

    @Test
    void aRateLimitedPurchaseWaitsAndIsBoughtOnceWithoutLabelFailed() {
        List<ShipmentValidated> shipments = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            ShipmentValidated shipment = LabelFixtures.shipment("ORD-RL-" + UUID.randomUUID(), "koiki", 1);
            shipments.add(shipment);
            KoikiStandIn.server.stubFor(forReference(shipment).willReturn(okJson("""
                    {"respuesta":"101","mensaje":"OK","envios":[{"respuesta":"101","numPedido":"%s",
                     "codBarras":"KOIRL%05d","etiqueta":"JVBERi0xLjQga29pa2k="}]}""".formatted(shipment.orderReference(), n))));
        }
        List<String> streams = shipments.stream().map(s -> LabelEvents.streamId(s.shipmentId())).toList();
        AtomicBoolean deferred = new AtomicBoolean();

        shipments.forEach(s -> TestKafka.send(LabelFixtures.cloudEvent(s)));

        // 5 bookings, 2 permits per 3 s: some wait on the schedule, marked as rate-limited, and nothing fails.
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100)).until(() -> {
            deferred.compareAndSet(false, anyRateLimited(streams));
            return shipments.stream().allMatch(s -> purchased(s));
        });
        assertThat(deferred).as("the rate limit deferred some purchases").isTrue();
        var generated = TestKafka.await(Topics.LABEL_GENERATED,
                r -> shipments.stream().anyMatch(s -> s.shipmentId().equals(r.key())), 6, Duration.ofSeconds(5));
        assertThat(generated).as("one LabelGenerated per shipment").hasSize(5);
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> shipments.stream().anyMatch(s -> s.shipmentId().equals(r.key())),
                1, Duration.ofMillis(500))).as("a rate limit is no failure").isEmpty();
        for (ShipmentValidated shipment : shipments) {
            assertThat(KoikiStandIn.server.countRequestsMatching(postRequestedFor(urlEqualTo(KoikiStandIn.ALTA))
                    .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference())))
                    .build()).getCount()).as("one booking of " + shipment.orderReference()).isEqualTo(1);
            assertThat(store.load(LabelEvents.streamId(shipment.shipmentId())).stream().map(LabelEvents.CODEC::decode)
                    .map(e -> e.getClass().getSimpleName()).toList())
                    .containsExactly("LabelPurchaseRequested", "LabelPurchased");
        }
    }

    // ---- helpers ----

    /** Calls until the rate limit answers (at most 10 calls); the answers before it must be {@code allowed}. */
    private static Response untilRefused(java.util.function.Supplier<Response> call, int allowed) {
        for (int n = 0; n < 10; n++) {
            Response response = call.get();
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(allowed);
        }
        throw new AssertionError("no 429 after 10 calls with 2 permits per 3 s");
    }

    private static void assertRateLimited(Response refused) {
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(refused.jsonPath().getString("type")).endsWith("/rate-limited");
        assertThat(refused.jsonPath().getString("detail")).contains("rate limit");
        String retryAfter = refused.header("Retry-After");
        assertThat(retryAfter).as("Retry-After in whole seconds").matches("\\d+");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 3);
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder forReference(ShipmentValidated shipment) {
        return post(urlEqualTo(KoikiStandIn.ALTA))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference())));
    }

    private boolean purchased(ShipmentValidated shipment) {
        return store.load(LabelEvents.streamId(shipment.shipmentId())).stream().map(LabelEvents.CODEC::decode)
                .anyMatch(io.waybill.label.labelling.LabelEvent.LabelPurchased.class::isInstance);
    }

    private boolean anyRateLimited(List<String> streams) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT count(*) FROM label_purchases WHERE stream_id = ANY (?) AND last_error LIKE 'RATE_LIMITED%'")) {
            select.setArray(1, c.createArrayOf("text", streams.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
