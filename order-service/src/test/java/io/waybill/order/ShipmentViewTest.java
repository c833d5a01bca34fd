package io.waybill.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

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
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The shipment list, its rebuild from the log, and intake under concurrency, on the real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_order_view_test"))
class ShipmentViewTest {

    @Test
    void theListIsFilteredPagedByCursorAndTenantIsolated() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String token = TestTokens.erp(tenant);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(submit(token, "REF-" + i + "-" + tenant));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/shipments").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).as("newest first, each once").containsExactlyElementsOf(created.reversed());

        given().auth().oauth2(token).queryParam("orderRef", "REF-3-" + tenant).get("/api/v1/shipments").then().statusCode(200)
                .body("items.id", equalTo(List.of(created.get(3)))).body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("status", "CANCELLED").get("/api/v1/shipments").then()
                .body("items.size()", equalTo(0));
        given().auth().oauth2(token).queryParam("createdFrom", OffsetDateTime.now().plusDays(1).toString())
                .get("/api/v1/shipments").then().body("items.size()", equalTo(0));
        given().auth().oauth2(token).queryParam("createdTo", OffsetDateTime.now().plusDays(1).toString())
                .get("/api/v1/shipments").then().body("items.size()", equalTo(5));
        given().auth().oauth2(TestTokens.erp("other-" + tenant)).get("/api/v1/shipments").then().body("items.size()", equalTo(0));

        given().auth().oauth2(token).queryParam("limit", 201).queryParam("status", "LOST").queryParam("cursor", "%%%")
                .queryParam("createdFrom", "yesterday").get("/api/v1/shipments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("limit", "status", "cursor", "createdFrom"));
    }

    @Test
    void theViewRebuiltFromTheLogIsIdentical() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String token = TestTokens.erp(tenant);
        String labelled = submit(token, "REB-1");
        String cancelled = submit(token, "REB-2");
        submit(token, "REB-3");
        TestKafka.send(CloudEventRecords.write(PublicEvents.outbound(new LabelGenerated(labelled, tenant, "sandbox", "standard",
                "SB000000017WB", List.of(new ParcelLabel(1, "SB000000017WB")), List.of("PDF", "ZPL"), null,
                OffsetDateTime.parse("2026-11-25T10:00:00+01:00"))), UUID.randomUUID().toString(), URI.create("/label-service"),
                OffsetDateTime.now(), null));
        given().auth().oauth2(token).post("/api/v1/shipments/" + cancelled + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/api/v1/shipments/" + labelled).then().body("trackingNumber", equalTo("SB000000017WB"))
                .body("labels.pdf", equalTo("/api/v1/shipments/" + labelled + "/label?format=pdf"))
                .body("lastEventAt", org.hamcrest.Matchers.notNullValue()));

        String before = given().auth().oauth2(token).get("/api/v1/shipments").then().statusCode(200).extract().asString();
        given().auth().oauth2(token).post("/api/v1/admin/projections/shipment-view/rebuild").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/projections/shipment-view/rebuild").then().statusCode(200);
        String after = given().auth().oauth2(token).get("/api/v1/shipments").then().statusCode(200).extract().asString();

        assertThat(ContractsJson.mapper().readTree(after)).isEqualTo(ContractsJson.mapper().readTree(before));
        assertThat(ContractsJson.mapper().readTree(after).get("items")).hasSize(3);
    }

    @Test
    void twoHundredConcurrentSubmissionsAreAllAcceptedOnceAndPublishedOnce() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String token = TestTokens.erp(tenant);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String reference = "C-" + i;
                results.add(pool.submit(() -> submit(token, reference)));
            }
            // The same Idempotency-Key from 20 clients at once: one shipment.
            String key = UUID.randomUUID().toString();
            String body = ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference("SAME-" + key));
            List<Future<String>> same = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                same.add(pool.submit(() -> given().auth().oauth2(token).header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(body).post("/api/v1/shipments").then().extract().path("id")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> result : results) {
                ids.add(result.get());
            }
            Set<String> sameIds = new HashSet<>();
            for (Future<String> result : same) {
                sameIds.add(result.get());
            }
            assertThat(ids).hasSize(200).doesNotContainNull();
            assertThat(sameIds).hasSize(1).doesNotContainNull();

            int listed = 0;
            String cursor = null;
            do {
                var request = given().auth().oauth2(token).queryParam("limit", 200);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                var page = request.get("/api/v1/shipments").then().statusCode(200).extract().jsonPath();
                listed += page.getList("items").size();
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertThat(listed).isEqualTo(201);

            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> ofTenant =
                    r -> r.headers().lastHeader("ce_tenant") != null
                            && tenant.equals(new String(r.headers().lastHeader("ce_tenant").value(),
                                    java.nio.charset.StandardCharsets.UTF_8));
            var published = TestKafka.await(Topics.SHIPMENT_VALIDATED, ofTenant, 201, Duration.ofSeconds(60));
            assertThat(published).extracting(r -> r.key()).hasSize(201).doesNotHaveDuplicates();
            // Nothing more comes: each accepted shipment is published once.
            assertThat(TestKafka.await(Topics.SHIPMENT_VALIDATED, ofTenant, 202, Duration.ofSeconds(5))).hasSize(201);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String submit(String token, String reference) throws Exception {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(ContractsJson.mapper().writeValueAsString(ShipmentSamples.withReference(reference)))
                .post("/api/v1/shipments").then().statusCode(201).extract().path("id");
    }
}
