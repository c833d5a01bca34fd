package io.waybill.order.followingcarriers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.order.intake.ShipmentSamples;
import io.waybill.testing.ServiceDatabase;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After a PostgreSQL restart every pooled connection is dead, and each one fails the first statement it is given.
 * bench/faults.sh found events dead-lettered for that ("This connection has been closed."): a consumer's retries
 * drew one dead connection after another until its attempts were spent. The restart is simulated on the test
 * database alone: every backend of it is terminated, as a restart terminates them all. A longer outage (new
 * connections refused for longer than a consumer's retries last) must cost the consumer time, not the message.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_order_test"))
class DatabaseRestartTest {

    static final String ACME = TestTokens.erp("acme");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventArrivingWhileTheDatabaseIsAwayLongerThanTheRetriesLastIsAppliedOnceItIsBack() throws Exception {
        String id = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference("DB-" + UUID.randomUUID())))
                .post("/api/v1/shipments").then().statusCode(201).body("id", notNullValue()).extract().path("id");
        String number = "DB-OUTAGE-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceDatabase.refuse();
        try {
            TestKafka.send(CloudEventRecords.write(PublicEvents.outbound(new LabelGenerated(id, "acme", "sandbox",
                    "standard", number, List.of(new ParcelLabel(1, number)), List.of("PDF"), null, OffsetDateTime.now())),
                    UUID.randomUUID().toString(), URI.create("/test"), OffsetDateTime.now(), null));
            // The consumer's five retries are spent in about 6 s; the outage lasts twice that.
            assertThat(TestKafka.await(Topics.deadLetter(Topics.LABEL_GENERATED), r -> id.equals(r.key()), 1,
                    Duration.ofSeconds(12))).as("dead-lettered during the outage").isEmpty();
        } finally {
            ServiceDatabase.accept();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ACME).get("/api/v1/shipments/" + id)
                .then().statusCode(200).body("trackingNumber", equalTo(number)));
        assertThat(TestKafka.await(Topics.deadLetter(Topics.LABEL_GENERATED), r -> id.equals(r.key()), 1,
                Duration.ofSeconds(1))).as("dead-lettered").isEmpty();
    }

    @Test
    void anEventArrivingAfterTheDatabaseRestartedIsAppliedNotDeadLettered() throws Exception {
        String id = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference("DB-" + UUID.randomUUID())))
                .post("/api/v1/shipments").then().statusCode(201).body("id", notNullValue()).extract().path("id");
        // More idle connections in the pool than a consumer has attempts, as under load.
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            held.add(dataSource.getConnection());
        }
        for (Connection c : held) {
            c.close();
        }
        Thread.sleep(1_500); // idle for longer than the pool's foreground validation interval
        int terminated = ServiceDatabase.endSessions();
        assertThat(terminated).as("pooled connections terminated").isGreaterThanOrEqualTo(18);

        String number = "DB-RESTART-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.send(CloudEventRecords.write(PublicEvents.outbound(new LabelGenerated(id, "acme", "sandbox", "standard",
                number, List.of(new ParcelLabel(1, number)), List.of("PDF"), null, OffsetDateTime.now())),
                UUID.randomUUID().toString(), URI.create("/test"), OffsetDateTime.now(), null));

        // Nothing else may use the pool meanwhile (a failing API call would use up a dead connection too): watch the
        // dead-letter topic for longer than the consumer's retries last, then ask the API.
        assertThat(TestKafka.await(Topics.deadLetter(Topics.LABEL_GENERATED), r -> id.equals(r.key()), 1,
                Duration.ofSeconds(15))).as("dead-lettered").isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ACME).get("/api/v1/shipments/" + id)
                .then().statusCode(200).body("trackingNumber", equalTo(number)));
    }
}
