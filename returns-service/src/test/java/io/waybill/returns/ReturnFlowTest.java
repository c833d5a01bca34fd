package io.waybill.returns;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** returns-service against the real PostgreSQL and Kafka, with real signed tokens. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_returns_test"))
class ReturnFlowTest {

    // The broker is shared: tenants of this run only, so nothing another build sends shows up in their lists.
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String ACME_TENANT = "acme-" + RUN;
    static final String ACME = TestTokens.erp(ACME_TENANT);
    static final String GLOBEX = TestTokens.erp("globex-" + RUN);
    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReturningStatusBeforeTheShipmentIsKnownIsParkedThenOpensExactlyOneReturnWithItsItems() throws Exception {
        String shipmentId = UUID.randomUUID().toString();
        String firstId = UUID.randomUUID().toString();
        String secondId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> first = record(status(shipmentId, TrackingStatus.RETURNING, "Returning to sender"), firstId);
        TestKafka.send(first);
        TestKafka.send(first); // redelivered: same CloudEvent id
        TestKafka.send(record(status(shipmentId, TrackingStatus.RETURNING, "Refused by recipient"), secondId));

        // Same key, same partition: once the last message is through, all three are.
        await().atMost(PATIENCE).until(() -> processed(secondId));
        assertThat(returnsOf(ACME, shipmentId)).as("no return without items").isEmpty();
        assertThat(parked(shipmentId)).isEqualTo(2);

        String validated = UUID.randomUUID().toString();
        TestKafka.send(ReturnLifecycleTest.shipmentValidated(shipmentId, ACME_TENANT, "Almacén Sur", Map.of("SKU-A", 2),
                validated));
        await().atMost(PATIENCE).until(() -> processed(validated));
        assertThat(parked(shipmentId)).isZero();
        List<Map<String, Object>> returns = returnsOf(ACME, shipmentId);
        assertThat(returns).hasSize(1);
        Map<String, Object> ret = returns.get(0);
        assertThat(ret).containsEntry("tenantId", ACME_TENANT).containsEntry("status", "IN_TRANSIT").containsEntry("source", "STATUS")
                .containsEntry("reason", "Returning to sender").containsEntry("version", 2)
                .containsEntry("warehouseId", "Almacén Sur");
        assertThat((List<?>) ret.get("items")).hasSize(1);
        assertThat(ret.get("returnTrackingNumber")).isNull(); // comes back on the original label
        assertThat(processed(firstId)).isTrue();
        assertThat(streamVersion(streamOf((String) ret.get("id")))).isEqualTo(2);

        String id = (String) ret.get("id");
        given().auth().oauth2(ACME).get("/api/v1/returns/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("shipmentId", equalTo(shipmentId)).header("ETag", containsString("2"));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/returns/" + id).then().statusCode(200);

        given().auth().oauth2(GLOBEX).get("/api/v1/returns/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(GLOBEX).get("/api/v1/returns").then().statusCode(200).body("items", empty());

        given().get("/api/v1/returns/" + id).then().statusCode(401);
        given().get("/api/v1/returns").then().statusCode(401);
        given().auth().oauth2(TestTokens.forged(ACME_TENANT)).get("/api/v1/returns/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.carrier(ACME_TENANT)).get("/api/v1/returns/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.carrier(ACME_TENANT)).get("/api/v1/returns").then().statusCode(403);
    }

    @Test
    void otherStatusesAreIgnoredAndReturnedOpensAReturnToo() {
        String shipmentId = UUID.randomUUID().toString();
        String validated = UUID.randomUUID().toString();
        TestKafka.send(ReturnLifecycleTest.shipmentValidated(shipmentId, ACME_TENANT, "wh", Map.of("SKU-A", 1), validated));
        await().atMost(PATIENCE).until(() -> processed(validated));
        TestKafka.send(record(status(shipmentId, TrackingStatus.IN_TRANSIT, "In transit"), UUID.randomUUID().toString()));
        TestKafka.send(record(status(shipmentId, TrackingStatus.DELIVERED, "Delivered"), UUID.randomUUID().toString()));
        String returnedId = UUID.randomUUID().toString();
        TestKafka.send(record(status(shipmentId, TrackingStatus.RETURNED, "Returned to sender"), returnedId));

        await().atMost(PATIENCE).until(() -> processed(returnedId));
        List<Map<String, Object>> returns = returnsOf(ACME, shipmentId);
        assertThat(returns).singleElement().satisfies(ret -> assertThat(ret)
                .containsEntry("reason", "Returned to sender").containsEntry("status", "RECEIVED")
                .containsEntry("policy", "INSPECT").containsEntry("version", 2));
        given().auth().oauth2(ACME).get("/api/v1/returns?status=RECEIVED&limit=200").then().statusCode(200)
                .body("items.shipmentId", hasItems(shipmentId));
        given().auth().oauth2(ACME).get("/api/v1/returns?status=NONSENSE").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("status"));
    }

    @Test
    void aPoisonMessageIsParkedInTheDeadLetterTopic() {
        String key = "poison-" + UUID.randomUUID();
        TestKafka.send(new ProducerRecord<>(Topics.STATUS_CHANGED, key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        var parked = TestKafka.await(Topics.deadLetter(Topics.STATUS_CHANGED), r -> key.equals(r.key()), 1, PATIENCE);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItems("Database connections health check"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/returns"))
                .body(containsString("/api/v1/returns/{id}")).body(containsString("ReturnItem"));
    }

    // ------------------------------------------------------------------ helpers

    static StatusChanged status(String shipmentId, TrackingStatus status, String description) {
        OffsetDateTime now = OffsetDateTime.now();
        return new StatusChanged(shipmentId, ACME_TENANT, "WB" + shipmentId.substring(0, 8), "sandbox", status, null,
                status.name().substring(0, 3), description, null, "WEBHOOK", false, now.minusMinutes(5), now);
    }

    static ProducerRecord<String, byte[]> record(StatusChanged event, String id) {
        return CloudEventRecords.write(PublicEvents.outbound(event), id, URI.create("/tracking-service"), OffsetDateTime.now(), null);
    }

    static List<Map<String, Object>> returnsOf(String token, String shipmentId) {
        List<Map<String, Object>> all = given().auth().oauth2(token).get("/api/v1/returns?limit=200")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return all.stream().filter(r -> shipmentId.equals(r.get("shipmentId"))).toList();
    }

    static String streamOf(String returnId) {
        return "return-" + returnId;
    }

    static boolean processed(AgroalDataSource dataSource, String messageId) throws Exception {
        return query(dataSource, "SELECT count(*) FROM es_inbox WHERE consumer = 'returns-service' AND message_id = ?",
                messageId) == 1;
    }

    static boolean relayedPast(AgroalDataSource dataSource, String streamId) throws Exception {
        return query(dataSource, """
                SELECT count(*) FROM es_checkpoints c, es_events e
                 WHERE c.name = 'returns-service' AND e.stream_id = ?
                   AND e.version = (SELECT max(version) FROM es_events WHERE stream_id = ?)
                   AND (c.transaction_id, c.global_position) >= (e.transaction_id, e.global_position)
                """, streamId, streamId) == 1;
    }

    static long query(AgroalDataSource dataSource, String sql, String... parameters) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    boolean processed(String messageId) throws Exception {
        return processed(dataSource, messageId);
    }

    long parked(String shipmentId) throws Exception {
        return query(dataSource, "SELECT count(*) FROM parked_carrier_report WHERE shipment_id = ?", shipmentId);
    }

    long streamVersion(String streamId) throws Exception {
        return query(dataSource, "SELECT coalesce(max(version), 0) FROM es_events WHERE stream_id = ?", streamId);
    }

    boolean relayedPast(String streamId) throws Exception {
        return relayedPast(dataSource, streamId);
    }
}
