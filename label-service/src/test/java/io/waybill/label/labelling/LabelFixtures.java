package io.waybill.label.labelling;

import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ReturnLabelRequested;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Shipments of tenant acme and their CloudEvents records, as order-service publishes them. */
public final class LabelFixtures {

    private LabelFixtures() {
    }

    public static ShipmentValidated shipment(String reference, String carrier, int parcels) {
        Address sender = new Address("Almacén Central", "Acme SL", List.of("Calle de Alcalá 1"), "Madrid", null, "28014", "ES",
                null, null);
        Address recipient = new Address("Ana Gómez", null, List.of("Carrer de Mallorca 401"), "Barcelona", null, "08013", "ES",
                null, null);
        List<Parcel> list = java.util.stream.IntStream.rangeClosed(1, parcels)
                .mapToObj(n -> new Parcel(1000 * n, new Dimensions(300, 200, 100), List.of())).toList();
        return new ShipmentValidated(UUID.randomUUID().toString(), "acme", reference, sender, recipient, list, carrier,
                "standard", null, "PDF", null, OffsetDateTime.now());
    }

    public static ProducerRecord<String, byte[]> cloudEvent(ShipmentValidated shipment) {
        return cloudEvent(shipment, UUID.randomUUID().toString());
    }

    public static ProducerRecord<String, byte[]> cloudEvent(ShipmentValidated shipment, String id) {
        return CloudEventRecords.write(PublicEvents.outbound(shipment), id, URI.create("/order-service"), OffsetDateTime.now(),
                null);
    }

    /** A return of {@code shipment}: from its recipient back to its sender. */
    public static ReturnLabelRequested returnOf(ShipmentValidated shipment, String carrier) {
        return new ReturnLabelRequested(UUID.randomUUID().toString(), shipment.shipmentId(), shipment.tenantId(), carrier,
                null, shipment.recipient(), shipment.sender(), shipment.parcels().subList(0, 1), "PDF",
                "RMA-" + shipment.orderReference(), OffsetDateTime.now());
    }

    public static ProducerRecord<String, byte[]> cloudEvent(ReturnLabelRequested wanted, String id) {
        return CloudEventRecords.write(PublicEvents.outbound(wanted), id, URI.create("/returns-service"), OffsetDateTime.now(),
                null);
    }

    public static ShipmentCancelled cancellation(ShipmentValidated shipment) {
        return new ShipmentCancelled(shipment.shipmentId(), shipment.tenantId(), shipment.orderReference(),
                "cancelled by erp-acme", OffsetDateTime.now());
    }

    public static ProducerRecord<String, byte[]> cloudEvent(ShipmentCancelled cancelled, String id) {
        return CloudEventRecords.write(PublicEvents.outbound(cancelled), id, URI.create("/order-service"), OffsetDateTime.now(),
                null);
    }

}
