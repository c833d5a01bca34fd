package io.waybill.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.TestKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton through all five services with real Keycloak tokens: an ERP posts a shipment
 * through the gateway, gets a label and a tracking number, a signed carrier webhook moves the status,
 * and every step is on Kafka as a CloudEvent.
 */
class WalkingSkeletonTest {

    static LocalSuite SUITE;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String WEBHOOK_SECRET = LocalSuite.WEBHOOK_SECRET;

    @BeforeAll
    static void startSuite() throws Exception {
        SUITE = LocalSuite.shared();
    }

    @Test
    void aShipmentGoesFromIntakeToLabelToTrackingStatus() throws Exception {
        String acme = token("erp-acme", "erp-acme-secret");
        String globex = token("erp-globex", "erp-globex-secret");
        String reference = "E2E-" + UUID.randomUUID();

        HttpResponse<String> created = send(HttpRequest.newBuilder(api("/api/v1/shipments"))
                .header("Authorization", "Bearer " + acme).header("Content-Type", "application/json")
                .header("Idempotency-Key", reference)
                .POST(HttpRequest.BodyPublishers.ofString(shipment(reference))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created.body()).get("id").asText();

        JsonNode labelled = awaitShipment(acme, id, view -> !view.path("trackingNumber").isMissingNode()
                && !view.path("trackingNumber").isNull());
        String tracking = labelled.get("trackingNumber").asText();
        assertThat(labelled.get("status").asText()).isEqualTo("LABELLED");

        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(api("/api/v1/shipments/" + id + "/label?format=pdf"))
                .header("Authorization", "Bearer " + acme).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains(tracking, reference);
        }
        HttpResponse<String> zpl = send(HttpRequest.newBuilder(api("/api/v1/shipments/" + id + "/label?format=zpl"))
                .header("Authorization", "Bearer " + acme));
        assertThat(zpl.statusCode()).isEqualTo(200);
        assertThat(zpl.body()).startsWith("^XA").contains("^BC").contains("^FD" + tracking + "^FS").contains("^XZ");

        String webhook = "{\"trackingNumber\":\"" + tracking + "\",\"code\":\"OUT_FOR_DELIVERY\",\"description\":\"Out for delivery\","
                + "\"location\":\"Barcelona\",\"occurredAt\":\"" + Instant.now().toString() + "\"}";
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(api("/webhooks/sandbox"))
                .header("Content-Type", "application/json")
                .header("Waybill-Signature", "t=" + now + ",v1=" + hmac(now + "." + webhook))
                .POST(HttpRequest.BodyPublishers.ofString(webhook)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        JsonNode moving = awaitShipment(acme, id, view -> "OUT_FOR_DELIVERY".equals(view.path("trackingStatus").asText()));
        assertThat(moving.get("trackingNumber").asText()).isEqualTo(tracking);

        // Tenant isolation and authentication, through the gateway.
        assertThat(send(HttpRequest.newBuilder(api("/api/v1/shipments/" + id)).header("Authorization", "Bearer " + globex))
                .statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(api("/api/v1/shipments/" + id + "/label?format=pdf"))
                .header("Authorization", "Bearer " + globex)).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(api("/api/v1/shipments/" + id))).statusCode()).isEqualTo(401);

        // A plain Kafka consumer sees each step as a binary-mode CloudEvent keyed by the shipment id.
        ShipmentValidated validated = PublicEvents.read(one(Topics.SHIPMENT_VALIDATED, id), ShipmentValidated.class).event();
        assertThat(validated.orderReference()).isEqualTo(reference);
        LabelGenerated label = PublicEvents.read(one(Topics.LABEL_GENERATED, id), LabelGenerated.class).event();
        assertThat(label.trackingNumber()).isEqualTo(tracking);
        // The webhook's event; tracking-service's polling of the sandbox may publish others for it too.
        var webhookStatus = TestKafka.await(Topics.STATUS_CHANGED, r -> id.equals(r.key())
                && PublicEvents.read(r, StatusChanged.class).event().source().equals("WEBHOOK"), 1, Duration.ofSeconds(30));
        assertThat(webhookStatus).as("StatusChanged from the webhook").hasSize(1);
        ConsumerRecord<String, byte[]> statusRecord = webhookStatus.get(0);
        StatusChanged status = PublicEvents.read(statusRecord, StatusChanged.class).event();
        assertThat(status.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        CloudEvent event = CloudEventRecords.read(statusRecord);
        assertThat(event.getType()).isEqualTo("io.waybill.shipment.status-changed.v1");
        assertThat(event.getSubject()).isEqualTo(id);
        assertThat(CloudEventRecords.tenant(event)).isEqualTo("acme");
    }

    private static ConsumerRecord<String, byte[]> one(String topic, String shipmentId) {
        var records = TestKafka.await(topic, r -> shipmentId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(records).as("a CloudEvent for %s on %s", shipmentId, topic).hasSize(1);
        return records.get(0);
    }

    private static JsonNode awaitShipment(String token, String id, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(api("/api/v1/shipments/" + id))
                    .header("Authorization", "Bearer " + token));
            if (response.statusCode() == 200) {
                last = json(response.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("shipment " + id + " did not get there in 60 s; last view: " + last);
    }

    static String token(String client, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(LocalSuite.REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body()).get("access_token").asText();
    }

    private static URI api(String path) {
        return URI.create(SUITE.url("gateway") + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return ContractsJson.mapper().readTree(body);
    }

    private static String hmac(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    static String shipment(String reference) {
        return """
                {"orderReference": "%s",
                 "sender": {"name": "Almacén Central", "company": "Acme SL", "lines": ["Calle de Alcalá 1"], "city": "Madrid",
                            "postalCode": "28014", "country": "ES", "phone": "+34 910 000 000"},
                 "recipient": {"name": "Ana Gómez", "lines": ["Carrer de Mallorca 401"], "city": "Barcelona",
                               "postalCode": "08013", "country": "ES", "email": "ana@example.com"},
                 "parcels": [{"weightGrams": 1250, "dimensions": {"lengthMm": 300, "widthMm": 200, "heightMm": 150},
                              "items": [{"sku": "SKU-1", "description": "Linen shirt", "quantity": 2,
                                         "unitValue": {"amount": 29.90, "currency": "EUR"}}]}],
                 "carrier": "sandbox", "service": "standard", "labelFormat": "PDF"}
                """.formatted(reference);
    }
}
