package io.waybill.label.labelling;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static io.waybill.label.labelling.LabelFixtures.cancellation;
import static io.waybill.label.labelling.LabelFixtures.cloudEvent;
import static io.waybill.label.labelling.LabelFixtures.shipment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.Transactions;
import io.waybill.label.labelling.LabelEvent.LabelCancelledBeforePurchase;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import io.waybill.label.labelling.LabelEvent.LabelVoided;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * label-service against the real Kafka and PostgreSQL: ShipmentValidated in, label documents and LabelGenerated out;
 * ShipmentCancelled in, the label voided.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_test"))
class LabelFlowTest {

    @Inject
    EventStore store;

    @Test
    void aValidatedShipmentGetsOneLabelEvenWhenDeliveredThreeTimes() throws Exception {
        ShipmentValidated shipment = shipment("SO-" + UUID.randomUUID(), "sandbox", 2);
        ProducerRecord<String, byte[]> record = cloudEvent(shipment);
        TestKafka.send(record);
        TestKafka.send(record);
        TestKafka.send(cloudEvent(shipment)); // same shipment, another event id

        var generated = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 2, Duration.ofSeconds(20));
        assertThat(generated).as("exactly one LabelGenerated").hasSize(1);
        LabelGenerated label = PublicEvents.read(generated.get(0), LabelGenerated.class).event();
        assertThat(label.trackingNumber()).matches("SB[0-9]{9}WB");
        assertThat(label.parcels()).hasSize(2);
        assertThat(label.formats()).containsExactly("PDF", "ZPL");
        assertThat(label.labelId()).isNotBlank();
        assertThat(label.cost()).as("the sandbox's tariff for 3 kg standard").isEqualTo(
                new io.waybill.contracts.Money(new java.math.BigDecimal("7.30"), "EUR"));
        assertThat(label.returnId()).isNull();

        String acme = TestTokens.erp("acme");
        byte[] pdf = given().auth().oauth2(acme).get("/api/v1/shipments/" + shipment.shipmentId() + "/label?format=pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(label.parcels().get(0).trackingNumber(), label.parcels().get(1).trackingNumber(),
                    "Ana Gómez", shipment.orderReference());
        }
        String zpl = given().auth().oauth2(acme).get("/api/v1/shipments/" + shipment.shipmentId() + "/label?format=zpl")
                .then().statusCode(200).extract().asString();
        assertThat(zpl).startsWith("^XA").contains("^BC").contains("^FD" + label.trackingNumber() + "^FS").contains("^XZ");
        assertThat(zpl.split("\\^XA", -1)).hasSize(3);

        given().auth().oauth2(TestTokens.erp("globex")).get("/api/v1/shipments/" + shipment.shipmentId() + "/label")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/shipments/" + shipment.shipmentId() + "/label").then().statusCode(401);
        given().auth().oauth2(acme).get("/api/v1/shipments/" + shipment.shipmentId() + "/label?format=png")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aCarrierRefusalAndAnUnknownCarrierBecomeLabelFailed() throws Exception {
        ShipmentValidated refused = shipment("FAIL-" + UUID.randomUUID(), "sandbox", 1);
        ShipmentValidated unknown = shipment("SO-" + UUID.randomUUID(), "pigeon-post", 1);
        TestKafka.send(cloudEvent(refused));
        TestKafka.send(cloudEvent(unknown));

        var failures = TestKafka.await(Topics.LABEL_FAILED,
                r -> refused.shipmentId().equals(r.key()) || unknown.shipmentId().equals(r.key()), 2, Duration.ofSeconds(30));
        assertThat(failures).extracting(r -> PublicEvents.read(r, LabelFailed.class).event().reasonCode())
                .containsExactlyInAnyOrder("SANDBOX_REFUSED", "UNKNOWN_CARRIER");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().auth().oauth2(TestTokens.erp("acme"))
                .get("/api/v1/shipments/" + refused.shipmentId() + "/label").then().statusCode(404));
    }

    @Test
    void aCancelledShipmentsLabelIsVoidedOnceAndNoLongerServed() throws Exception {
        ShipmentValidated shipment = shipment("SO-" + UUID.randomUUID(), "sandbox", 1);
        TestKafka.send(cloudEvent(shipment));
        var generated = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(generated).as("LabelGenerated").hasSize(1);
        String acme = TestTokens.erp("acme");
        String labelUrl = "/api/v1/shipments/" + shipment.shipmentId() + "/label";
        given().auth().oauth2(acme).get(labelUrl).then().statusCode(200);

        String cancelId = UUID.randomUUID().toString();
        String againId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> cancel = cloudEvent(cancellation(shipment), cancelId);
        TestKafka.send(cancel);
        TestKafka.send(cancel); // redelivered: the inbox skips it
        TestKafka.send(cloudEvent(cancellation(shipment), againId)); // cancelled again: the label stream skips it

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(acme).get(labelUrl)
                .then().statusCode(410).contentType("application/problem+json")
                .body("title", equalTo("Label voided"))
                .body("detail", containsString("label voided")));
        given().auth().oauth2(acme).get(labelUrl + "?format=zpl&parcel=1").then().statusCode(410);
        given().auth().oauth2(TestTokens.erp("globex")).get(labelUrl).then().statusCode(404);

        // A ShipmentValidated arriving after the void buys nothing either.
        String lateId = UUID.randomUUID().toString();
        TestKafka.send(cloudEvent(shipment, lateId));
        awaitProcessed(cancelId, againId, lateId);

        List<LabelEvent> history = history(shipment.shipmentId());
        assertThat(history).filteredOn(LabelVoided.class::isInstance).as("exactly one LabelVoided").hasSize(1);
        assertThat(history).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("LabelPurchaseRequested", "LabelPurchased", "LabelVoided");
        LabelVoided voided = (LabelVoided) history.get(2);
        assertThat(voided.trackingNumber()).isEqualTo(((LabelPurchased) history.get(1)).trackingNumber());
        assertThat(voided.carrier()).isEqualTo("sandbox");
        assertThat(voided.tenantId()).isEqualTo("acme");
    }

    @Test
    void aShipmentCancelledBeforeItsLabelNeverGetsOne() {
        ShipmentValidated shipment = shipment("SO-" + UUID.randomUUID(), "sandbox", 1);
        String cancelId = UUID.randomUUID().toString();
        TestKafka.send(cloudEvent(cancellation(shipment), cancelId));
        awaitProcessed(cancelId);

        String validatedId = UUID.randomUUID().toString();
        TestKafka.send(cloudEvent(shipment, validatedId));
        var generated = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 1, Duration.ofSeconds(5));
        assertThat(generated).as("no LabelGenerated for a cancelled shipment").isEmpty();
        awaitProcessed(validatedId); // it was handled, and bought nothing

        assertThat(history(shipment.shipmentId())).singleElement().isInstanceOf(LabelCancelledBeforePurchase.class);
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/shipments/" + shipment.shipmentId() + "/label")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSelectionRuleChoosesTheCarrierServiceFromTheQuotes() throws Exception {
        ShipmentValidated cheapest = withRule(shipment("SO-" + UUID.randomUUID(), null, 1), "CHEAPEST");
        ShipmentValidated fastest = withRule(shipment("SO-" + UUID.randomUUID(), "sandbox", 1), "FASTEST");
        TestKafka.send(cloudEvent(cheapest));
        TestKafka.send(cloudEvent(fastest));

        var generated = TestKafka.await(Topics.LABEL_GENERATED,
                r -> cheapest.shipmentId().equals(r.key()) || fastest.shipmentId().equals(r.key()), 2, Duration.ofSeconds(30));
        assertThat(generated).hasSize(2);
        for (var record : generated) {
            LabelGenerated label = PublicEvents.read(record, LabelGenerated.class).event();
            assertThat(label.carrier()).isEqualTo("sandbox");
            assertThat(label.service()).isEqualTo(label.shipmentId().equals(cheapest.shipmentId()) ? "standard" : "express");
        }
    }

    static ShipmentValidated withRule(ShipmentValidated s, String rule) {
        return new ShipmentValidated(s.shipmentId(), s.tenantId(), s.orderReference(), s.sender(), s.recipient(), s.parcels(),
                s.carrier(), null, rule, s.labelFormat(), s.fiscalDocument(), s.validatedAt());
    }

    @Test
    void healthIsServed() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** The label stream as stored: what the service decided, in order. */
    List<LabelEvent> history(String shipmentId) {
        return store.load(LabelEvents.streamId(shipmentId)).stream().map(LabelEvents.CODEC::decode).toList();
    }

    /** Waits until label-service's inbox holds these CloudEvents ids, i.e. their effects are committed. */
    void awaitProcessed(String... messageIds) {
        await().atMost(Duration.ofSeconds(20)).until(() -> Transactions.inTransaction(store.dataSource(), c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT count(*) FROM es_inbox WHERE consumer = 'label-service' AND message_id = ANY (?)")) {
                select.setArray(1, c.createArrayOf("text", messageIds));
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == messageIds.length;
                }
            }
        }));
    }
}
