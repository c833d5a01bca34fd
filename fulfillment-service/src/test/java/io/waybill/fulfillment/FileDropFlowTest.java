package io.waybill.fulfillment;

import static io.waybill.fulfillment.FulfillmentTesting.record;
import static io.waybill.fulfillment.FulfillmentTesting.shipment;
import static io.waybill.fulfillment.FulfillmentTesting.view;
import static io.waybill.fulfillment.PartnersTestResource.FILE_TENANT;
import static io.waybill.fulfillment.PartnersTestResource.sftpRoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/** The file-drop 3PL: XML over a real embedded SFTP server (Apache MINA SSHD), real Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_fulfillment_test"))
@QuarkusTestResource(PartnersTestResource.class)
class FileDropFlowTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void theOrderIsUploadedAtomicallyAndAShipmentConfirmationBecomesOneLabelGenerated() throws Exception {
        ShipmentValidated shipment = shipment(FILE_TENANT, "file-drop");
        String id = shipment.shipmentId();
        TestKafka.send(record(shipment));
        TestKafka.send(record(shipment)); // published twice: still one order file, one order

        Path order = sftpRoot.resolve("orders/order-" + id + ".xml");
        await().atMost(PATIENCE).until(() -> Files.exists(order) && "SENT".equals(view(FILE_TENANT, id).get("status")));
        assertThat(sftpRoot.resolve("orders/order-" + id + ".xml.tmp")).doesNotExist();
        String xml = Files.readString(order);
        assertThat(xml).contains("<OrderNumber>" + id + "</OrderNumber>", "<ArticleNumber>SKU-1</ArticleNumber>",
                "<Quantity>3</Quantity>", "carrier=\"postnord\"", "<Country>SE</Country>");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getClassLoader().getResource("filedrop/waybill-order-v1.xsd")).newValidator()
                .validate(new StreamSource(order.toFile()));

        String confirmation = confirmation(id, "SHIPPED", "<Carrier>bring</Carrier><TrackingNumber>BRING-42</TrackingNumber>"
                + "<Parcel trackingNumber=\"BRING-42-1\"/><Parcel trackingNumber=\"BRING-42-2\"/>");
        Files.writeString(sftpRoot.resolve("confirmations/shipped-" + id + ".xml"), confirmation);
        var labels = TestKafka.await(Topics.LABEL_GENERATED, r -> id.equals(r.key()), 1, PATIENCE);
        assertThat(labels).hasSize(1);
        LabelGenerated label = PublicEvents.read(labels.get(0), LabelGenerated.class).event();
        assertThat(label.carrier()).isEqualTo("bring");
        assertThat(label.trackingNumber()).isEqualTo("BRING-42");
        assertThat(label.parcels()).extracting(p -> p.trackingNumber()).containsExactly("BRING-42-1", "BRING-42-2");
        await().atMost(PATIENCE).until(() -> Files.exists(sftpRoot.resolve("confirmations/archive/shipped-" + id + ".xml")));
        assertThat(sftpRoot.resolve("confirmations/shipped-" + id + ".xml")).doesNotExist();

        // The partner sends the same confirmation again, under another name: archived, nothing published twice.
        Files.writeString(sftpRoot.resolve("confirmations/shipped-again-" + id + ".xml"), confirmation);
        await().atMost(PATIENCE).until(() -> Files.exists(sftpRoot.resolve("confirmations/archive/shipped-again-" + id + ".xml")));
        assertThat(TestKafka.await(Topics.LABEL_GENERATED, r -> id.equals(r.key()), 2, Duration.ofSeconds(3))).hasSize(1);
        Map<String, Object> view = view(FILE_TENANT, id);
        assertThat(view).containsEntry("status", "SHIPPED").containsEntry("trackingNumber", "BRING-42");
        assertThat((List<Object>) view.get("exchanges")).extracting(e -> (Object) String.valueOf(((Map<?, ?>) e).get("name")))
                .contains("/orders/order-" + id + ".xml", "/confirmations/shipped-" + id + ".xml",
                        "/confirmations/shipped-again-" + id + ".xml");
    }

    @Test
    void aHalfWrittenFileIsLeftAloneUntilItIsCompleteAndOutOfStockBecomesLabelFailed() throws Exception {
        ShipmentValidated shipment = shipment(FILE_TENANT, "file-drop");
        String id = shipment.shipmentId();
        TestKafka.send(record(shipment));
        await().atMost(PATIENCE).until(() -> FulfillmentTesting.statusOf(FILE_TENANT, id) == 200
                && "SENT".equals(view(FILE_TENANT, id).get("status")));

        String complete = confirmation(id, "OUT_OF_STOCK", "");
        Path partial = sftpRoot.resolve("confirmations/stock-" + id + ".xml.part");
        Files.writeString(partial, complete.substring(0, complete.length() / 2)); // the partner is still writing
        Thread.sleep(4_000); // four polls
        assertThat(partial).exists();
        assertThat(sftpRoot.resolve("confirmations/rejected/stock-" + id + ".xml.part")).doesNotExist();
        assertThat(view(FILE_TENANT, id)).containsEntry("status", "SENT");

        Files.writeString(partial, complete);
        Files.move(partial, sftpRoot.resolve("confirmations/stock-" + id + ".xml"));
        var failures = TestKafka.await(Topics.LABEL_FAILED, r -> id.equals(r.key()), 1, PATIENCE);
        assertThat(failures).hasSize(1);
        LabelFailed failed = PublicEvents.read(failures.get(0), LabelFailed.class).event();
        assertThat(failed.reasonCode()).isEqualTo("OUT_OF_STOCK");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.carrier()).isEqualTo("file-drop");
    }

    @Test
    void aMalformedFileIsMovedToRejectedWithTheReason() throws Exception {
        Files.writeString(sftpRoot.resolve("confirmations/broken.xml"), "<Confirmation xmlns=\"urn:waybill:fulfillment:confirmation:v1\">"
                + "<OrderNumber>x</OrderNumber><Status>TELEPORTED</Status></Confirmation>");
        Files.writeString(sftpRoot.resolve("confirmations/garbage.xml"), "this is not xml");
        Path brokenReason = sftpRoot.resolve("confirmations/rejected/broken.xml.reason.txt");
        Path garbageReason = sftpRoot.resolve("confirmations/rejected/garbage.xml.reason.txt");
        // The reason file appears before its upload has finished: wait for its content, not its name.
        await().atMost(PATIENCE).until(() -> hasText(brokenReason) && hasText(garbageReason));
        assertThat(sftpRoot.resolve("confirmations/rejected/broken.xml")).exists();
        assertThat(sftpRoot.resolve("confirmations/broken.xml")).doesNotExist();
        assertThat(Files.readString(brokenReason, StandardCharsets.UTF_8)).contains("TELEPORTED");
        assertThat(Files.readString(garbageReason, StandardCharsets.UTF_8)).isNotBlank();

        // A well-formed confirmation for an order this tenant never sent is rejected too.
        Files.writeString(sftpRoot.resolve("confirmations/stranger.xml"), confirmation("not-our-order", "PICKED", ""));
        await().atMost(PATIENCE).until(() -> hasText(sftpRoot.resolve("confirmations/rejected/stranger.xml.reason.txt")));
        assertThat(Files.readString(sftpRoot.resolve("confirmations/rejected/stranger.xml.reason.txt"))).contains("not-our-order");
    }

    @Test
    void whileTheSftpServerIsDownTheOrderWaitsAndIsUploadedWhenItIsBack() throws Exception {
        PartnersTestResource.stopSftp();
        ShipmentValidated shipment = shipment(FILE_TENANT, "file-drop");
        String id = shipment.shipmentId();
        try {
            TestKafka.send(record(shipment));
            await().atMost(PATIENCE).until(() -> FulfillmentTesting.statusOf(FILE_TENANT, id) == 200
                    && ((Number) view(FILE_TENANT, id).get("failedAttempts")).intValue() >= 2);
            assertThat(view(FILE_TENANT, id)).containsEntry("status", "PENDING");
            assertThat((String) view(FILE_TENANT, id).get("lastError")).contains("FILE_DROP_UNAVAILABLE");
            assertThat(sftpRoot.resolve("orders/order-" + id + ".xml")).doesNotExist();
        } finally {
            PartnersTestResource.startSftp();
        }
        await().atMost(PATIENCE).until(() -> Files.exists(sftpRoot.resolve("orders/order-" + id + ".xml"))
                && "SENT".equals(view(FILE_TENANT, id).get("status")));
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> id.equals(r.key()), 1, Duration.ofSeconds(2))).isEmpty();
    }

    static String confirmation(String orderNumber, String status, String shipping) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Confirmation xmlns="urn:waybill:fulfillment:confirmation:v1">
                  <OrderNumber>%s</OrderNumber>
                  <Status>%s</Status>
                  <Description>Lagret: %s</Description>
                  <OccurredAt>2026-11-25T14:30:00+01:00</OccurredAt>
                  %s
                </Confirmation>
                """.formatted(orderNumber, status, status.toLowerCase(), shipping);
    }

    private static boolean hasText(Path file) throws java.io.IOException {
        return Files.exists(file) && !Files.readString(file, StandardCharsets.UTF_8).isBlank();
    }
}
