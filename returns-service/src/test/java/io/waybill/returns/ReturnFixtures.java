package io.waybill.returns;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.returns.fromcarriers.WebhookSignature;
import io.waybill.testing.TestKafka;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the other services publish and carriers post, built for the tests; and waits on their processing. */
final class ReturnFixtures {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String SANDBOX_SECRET = "test-sandbox-returns-secret";
    static final String KOIKI_SECRET = "test-koiki-returns-secret";

    private ReturnFixtures() {
    }

    static ProducerRecord<String, byte[]> record(PublicEvent event, String id, String source) {
        return CloudEventRecords.write(PublicEvents.outbound(event), id, URI.create(source), OffsetDateTime.now(), null);
    }

    /** Sends {@code event} as {@code source} would and waits until this service has processed it; returns its id. */
    static String deliver(AgroalDataSource dataSource, PublicEvent event, String source) {
        String id = UUID.randomUUID().toString();
        TestKafka.send(record(event, id, source));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, id));
        return id;
    }

    static LabelGenerated outboundLabel(String shipmentId, String tenant, String carrier, String trackingNumber) {
        return new LabelGenerated(shipmentId, tenant, carrier, "standard", trackingNumber,
                List.of(new ParcelLabel(1, trackingNumber)), List.of("PDF"), null, OffsetDateTime.now());
    }

    static LabelGenerated returnLabel(String shipmentId, String tenant, String carrier, String trackingNumber,
            String returnId) {
        return new LabelGenerated(shipmentId, tenant, carrier, "return", trackingNumber,
                List.of(new ParcelLabel(1, trackingNumber)), List.of("PDF"), null, OffsetDateTime.now(),
                "lbl_" + trackingNumber, null, returnId);
    }

    static LabelFailed returnLabelFailed(String shipmentId, String tenant, String returnId) {
        return new LabelFailed(shipmentId, tenant, "koiki", "INVALID_POSTAL_CODE", "Koiki does not collect at 00000",
                false, OffsetDateTime.now(), returnId);
    }

    static StatusChanged status(String shipmentId, String tenant, String trackingNumber, TrackingStatus status,
            String description, String returnId) {
        OffsetDateTime now = OffsetDateTime.now();
        return new StatusChanged(shipmentId, tenant, trackingNumber, "koiki", status, null, status.name(), description,
                null, "WEBHOOK", false, now.minusMinutes(1), now, null, returnId);
    }

    /** Posts a carrier return webhook signed with {@code secret} now. */
    static ValidatableResponse webhook(String carrier, String secret, String body) {
        return given().header(WebhookSignature.HEADER, WebhookSignature.sign(secret, Instant.now().getEpochSecond(), body))
                .contentType(ContentType.JSON).body(body).post("/webhooks/returns/" + carrier).then();
    }

    static String sandboxReturn(String outboundNumber, String returnNumber, String code) {
        return """
                {"trackingNumber": "%s", "returnTrackingNumber": "%s", "code": "%s", "reason": "Customer return",
                 "occurredAt": "%s"}""".formatted(outboundNumber, returnNumber, code, OffsetDateTime.now());
    }

    static Map<String, Object> view(String token, String returnId) {
        return given().auth().oauth2(token).get("/api/v1/returns/" + returnId).then().statusCode(200).extract()
                .jsonPath().getMap("$");
    }
}
