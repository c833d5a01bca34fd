package io.waybill.label.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Fulfillment;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.PublicEvents;
import io.waybill.label.labelling.LabelEvent.LabelCancelledBeforePurchase;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A shipment a fulfillment partner ships (ShipmentValidated.fulfillment set) gets no label here (ADR 0090). */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_test"))
class FulfilledShipmentTest {

    @Inject
    EventStore store;

    @Test
    void aShipmentForAFulfillmentPartnerBuysNoLabel() {
        String shipmentId = UUID.randomUUID().toString();
        Address warehouse = new Address("Almacén Central", null, List.of("Calle de Alcalá 1"), "Madrid", null, "28014", "ES",
                null, null);
        Address customer = new Address("Ana Gómez", null, List.of("Carrer de Mallorca 401"), "Barcelona", null, "08013", "ES",
                null, null);
        // The sandbox carrier would book this at once if label-service took it.
        ShipmentValidated shipment = new ShipmentValidated(shipmentId, "acme", "SO-3PL-1", warehouse, customer,
                List.of(new Parcel(1000, new Dimensions(300, 200, 100), List.of())), "sandbox", "standard", null, "PDF",
                null, OffsetDateTime.now(), new Fulfillment("ongoing", "STO"));
        TestKafka.send(record(shipment));
        // Same key, same partition, after it: once the cancellation is applied, the shipment was consumed.
        TestKafka.send(record(new ShipmentCancelled(shipmentId, "acme", "SO-3PL-1", "test marker", OffsetDateTime.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.load(LabelEvents.streamId(shipmentId)).isEmpty());

        assertThat(store.load(LabelEvents.streamId(shipmentId))).extracting(LabelEvents.CODEC::decode)
                .singleElement().isInstanceOf(LabelCancelledBeforePurchase.class);
        assertThat(TestKafka.await(Topics.LABEL_GENERATED, r -> shipmentId.equals(r.key()), 1, Duration.ofSeconds(3))).isEmpty();
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> shipmentId.equals(r.key()), 1, Duration.ofSeconds(1))).isEmpty();
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record(PublicEvent event) {
        return CloudEventRecords.write(PublicEvents.outbound(event), UUID.randomUUID().toString(), URI.create("/order-service"),
                OffsetDateTime.now(), null);
    }
}
