package io.waybill.fulfillment;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.waybill.fulfillment.FulfillmentTesting.cancellation;
import static io.waybill.fulfillment.FulfillmentTesting.history;
import static io.waybill.fulfillment.FulfillmentTesting.json;
import static io.waybill.fulfillment.FulfillmentTesting.record;
import static io.waybill.fulfillment.FulfillmentTesting.sentToOngoing;
import static io.waybill.fulfillment.FulfillmentTesting.shipment;
import static io.waybill.fulfillment.FulfillmentTesting.view;
import static io.waybill.fulfillment.PartnersTestResource.FILE_TENANT;
import static io.waybill.fulfillment.PartnersTestResource.ONGOING_TENANT;
import static io.waybill.fulfillment.PartnersTestResource.ongoing;
import static io.waybill.fulfillment.PartnersTestResource.sftpRoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A merchant's cancellation of an order a partner already has (ADR 0094): told to the partner once, retried
 * while it is down, and recorded as too late when the warehouse shipped first. Ongoing stood in by WireMock,
 * the file-drop partner by a real embedded SFTP server; real Kafka and PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_fulfillment_test"))
@QuarkusTestResource(PartnersTestResource.class)
class CancellationFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void ongoingIsToldOnceRetriedWhileItIsDownAndRedeliveryChangesNothing() {
        ShipmentValidated shipment = shipment(ONGOING_TENANT, "ongoing");
        String id = shipment.shipmentId();
        sentToOngoing(shipment, 7001, 200, "Open");
        ongoing.stubFor(delete(urlPathEqualTo("/api/v1/orders/7001")).willReturn(json(503, "{\"message\": \"Down for maintenance\"}")));
        TestKafka.send(record(shipment));
        await().atMost(PATIENCE).until(() -> FulfillmentTesting.statusOf(ONGOING_TENANT, id) == 200
                && "IN_PROGRESS".equals(view(ONGOING_TENANT, id).get("status")));

        ProducerRecord<String, byte[]> cancelled = record(cancellation(shipment), UUID.randomUUID().toString());
        TestKafka.send(cancelled);
        TestKafka.send(cancelled); // redelivered
        TestKafka.send(record(cancellation(shipment))); // published again
        await().atMost(PATIENCE).until(() -> ((Number) view(ONGOING_TENANT, id).get("cancelAttempts")).intValue() >= 2);
        assertThat(view(ONGOING_TENANT, id)).containsEntry("cancellation", "REQUESTED").containsEntry("status", "IN_PROGRESS");
        assertThat((String) view(ONGOING_TENANT, id).get("lastError")).contains("ONGOING_HTTP_503");

        ongoing.stubFor(delete(urlPathEqualTo("/api/v1/orders/7001")).willReturn(json(200, "{\"orderId\": 7001}")));
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(view(ONGOING_TENANT, id).get("status")));
        int deletes = ongoing.findAll(deleteRequestedFor(urlPathEqualTo("/api/v1/orders/7001"))).size();
        ongoing.verify(deleteRequestedFor(urlPathEqualTo("/api/v1/orders/7001")).withQueryParam("goodsOwnerId", equalTo("17")));

        TestKafka.send(record(cancellation(shipment))); // once more, after the fact
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> id.equals(r.key()), 1, Duration.ofSeconds(4))).isEmpty();
        assertThat(ongoing.findAll(deleteRequestedFor(urlPathEqualTo("/api/v1/orders/7001")))).as("no call after the confirmation")
                .hasSize(deletes);
        assertThat(history(ONGOING_TENANT, id)).filteredOn("CancellationRequested"::equals).hasSize(1);
        assertThat(history(ONGOING_TENANT, id)).contains("CancelAttemptFailed", "OrderCancelled");
    }

    @Test
    void aCancellationAfterOngoingShippedIsRecordedAsTooLateAndTheShipmentStaysShipped() {
        ShipmentValidated shipment = shipment(ONGOING_TENANT, "ongoing");
        String id = shipment.shipmentId();
        ongoing.stubFor(put(urlPathEqualTo("/api/v1/orders")).withRequestBody(matchingJsonPath("$.orderNumber", equalTo(id)))
                .willReturn(json(200, "{\"orderId\": 7002, \"message\": \"ok\"}")));
        ongoing.stubFor(get(urlPathEqualTo("/api/v1/orders/7002")).willReturn(json(200, """
                {"orderInfo": {"orderId": 7002, "orderNumber": "%s", "orderStatus": {"number": 450, "text": "Sent"}, "wayBill": "PN7002SE"},
                 "transporter": {"code": "PLAB", "serviceCode": "P19"}}""".formatted(id))));
        ongoing.stubFor(delete(urlPathEqualTo("/api/v1/orders/7002")).willReturn(json(200, "{}")));
        TestKafka.send(record(shipment));
        var labels = TestKafka.await(Topics.LABEL_GENERATED, r -> id.equals(r.key()), 1, PATIENCE);
        LabelGenerated label = PublicEvents.read(labels.get(0), LabelGenerated.class).event();
        assertThat(label.trackingNumber()).as("orderInfo.wayBill when no tracking list").isEqualTo("PN7002SE");
        assertThat(label.carrier()).isEqualTo("plab");
        assertThat(label.service()).isEqualTo("P19");

        TestKafka.send(record(cancellation(shipment)));
        await().atMost(PATIENCE).until(() -> "TOO_LATE".equals(view(ONGOING_TENANT, id).get("cancellation")));
        assertThat(view(ONGOING_TENANT, id)).containsEntry("status", "SHIPPED").containsEntry("trackingNumber", "PN7002SE");
        assertThat(history(ONGOING_TENANT, id)).endsWith("CancellationTooLate");
        assertThat(ongoing.findAll(deleteRequestedFor(urlPathEqualTo("/api/v1/orders/7002")))).as("nothing to cancel").isEmpty();
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> id.equals(r.key()), 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void theFilePartnerGetsACancellationDocumentUploadedAtomicallyOnceItsServerIsBackAndConfirmsOrShipsAnyway()
            throws Exception {
        ShipmentValidated confirmed = shipment(FILE_TENANT, "file-drop");
        ShipmentValidated tooLate = shipment(FILE_TENANT, "file-drop");
        for (ShipmentValidated s : java.util.List.of(confirmed, tooLate)) {
            TestKafka.send(record(s));
        }
        await().atMost(PATIENCE).until(() -> FulfillmentTesting.statusOf(FILE_TENANT, confirmed.shipmentId()) == 200
                && FulfillmentTesting.statusOf(FILE_TENANT, tooLate.shipmentId()) == 200
                && "SENT".equals(view(FILE_TENANT, confirmed.shipmentId()).get("status"))
                && "SENT".equals(view(FILE_TENANT, tooLate.shipmentId()).get("status")));

        PartnersTestResource.stopSftp();
        try {
            for (ShipmentValidated s : java.util.List.of(confirmed, tooLate)) {
                ProducerRecord<String, byte[]> cancelled = record(cancellation(s), UUID.randomUUID().toString());
                TestKafka.send(cancelled);
                TestKafka.send(cancelled); // redelivered
            }
            await().atMost(PATIENCE).until(() -> ((Number) view(FILE_TENANT, confirmed.shipmentId()).get("cancelAttempts")).intValue() >= 1
                    && ((Number) view(FILE_TENANT, tooLate.shipmentId()).get("cancelAttempts")).intValue() >= 1);
            assertThat((String) view(FILE_TENANT, confirmed.shipmentId()).get("lastError")).contains("FILE_DROP_UNAVAILABLE");
        } finally {
            PartnersTestResource.startSftp();
        }

        Path document = sftpRoot.resolve("orders/cancel-" + confirmed.shipmentId() + ".xml");
        await().atMost(PATIENCE).until(() -> "SENT".equals(view(FILE_TENANT, confirmed.shipmentId()).get("cancellation"))
                && "SENT".equals(view(FILE_TENANT, tooLate.shipmentId()).get("cancellation")));
        assertThat(document).exists();
        assertThat(sftpRoot.resolve("orders/cancel-" + confirmed.shipmentId() + ".xml.tmp")).doesNotExist();
        assertThat(Files.readString(document)).contains("<Cancellation", "<OrderNumber>" + confirmed.shipmentId() + "</OrderNumber>",
                "<Reference>" + confirmed.orderReference() + "</Reference>", "<Reason>cancelled by erp</Reason>");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getClassLoader().getResource("filedrop/waybill-order-v1.xsd")).newValidator()
                .validate(new StreamSource(document.toFile()));
        assertThat(history(FILE_TENANT, confirmed.shipmentId())).filteredOn("CancellationSent"::equals).hasSize(1);
        assertThat(view(FILE_TENANT, confirmed.shipmentId())).containsEntry("status", "SENT");

        // The partner confirms one; the other had left the warehouse already.
        Files.writeString(sftpRoot.resolve("confirmations/cancelled-" + confirmed.shipmentId() + ".xml"),
                FileDropFlowTest.confirmation(confirmed.shipmentId(), "CANCELLED", ""));
        Files.writeString(sftpRoot.resolve("confirmations/shipped-" + tooLate.shipmentId() + ".xml"),
                FileDropFlowTest.confirmation(tooLate.shipmentId(), "SHIPPED", "<Carrier>bring</Carrier><TrackingNumber>BRING-77</TrackingNumber>"));
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(view(FILE_TENANT, confirmed.shipmentId()).get("status"))
                && "TOO_LATE".equals(view(FILE_TENANT, tooLate.shipmentId()).get("cancellation")));
        assertThat(view(FILE_TENANT, tooLate.shipmentId())).containsEntry("status", "SHIPPED");
        assertThat(TestKafka.await(Topics.LABEL_GENERATED, r -> tooLate.shipmentId().equals(r.key()), 1, PATIENCE))
                .as("the goods are on their way: tracking follows them").hasSize(1);
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> confirmed.shipmentId().equals(r.key()), 1, Duration.ofSeconds(2)))
                .as("a confirmed cancellation is no failure").isEmpty();
    }

}
