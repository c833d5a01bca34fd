package io.waybill.gateway.track;

import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.TestKafka;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Stands in for order-, label- and tracking-service: publishes their public events onto the real test broker
 * exactly as their outbox relays do (binary-mode CloudEvents written by the event-store library).
 */
final class UpstreamEvents {

    static final URI SOURCE = URI.create("/gateway-tests");

    private UpstreamEvents() {
    }

    /** Publishes with a fresh CloudEvents id; returns the id (to redeliver the same event). */
    static String publish(PublicEvent event) {
        String id = UUID.randomUUID().toString();
        publish(event, id);
        return id;
    }

    static void publish(PublicEvent event, String id) {
        TestKafka.send(CloudEventRecords.write(PublicEvents.outbound(event), id, SOURCE, OffsetDateTime.now(), null));
    }

    static ShipmentValidated validated(String shipmentId, String tenant, String postalCode, String country) {
        Address sender = new Address("Acme Warehouse", "Acme", List.of("Calle Mayor 1"), "Madrid", null, "28013", "ES",
                null, null);
        Address recipient = new Address("Ana Recipient", null, List.of("Rua Augusta 1500"), "São Paulo", "SP", postalCode,
                country, "+5511999999999", "ana@example.com");
        return new ShipmentValidated(shipmentId, tenant, "SO-" + shipmentId, sender, recipient,
                List.of(new Parcel(1200, new Dimensions(300, 200, 100), List.of())), "sandbox", "standard", null, "PDF",
                null, OffsetDateTime.parse("2026-03-10T09:00:00-03:00"));
    }

    static LabelGenerated label(String shipmentId, String tenant, String trackingNumber, List<String> parcelNumbers,
            String returnId) {
        List<ParcelLabel> parcels = new java.util.ArrayList<>();
        for (int i = 0; i < parcelNumbers.size(); i++) {
            parcels.add(new ParcelLabel(i + 1, parcelNumbers.get(i)));
        }
        return new LabelGenerated(shipmentId, tenant, "sandbox", "standard", trackingNumber, parcels, List.of("PDF"), null,
                OffsetDateTime.parse("2026-03-10T09:05:00-03:00"), "lbl-" + trackingNumber, null, returnId);
    }

    static StatusChanged status(String shipmentId, String tenant, String trackingNumber, TrackingStatus status,
            String description, String location, String occurredAt, String estimatedDelivery) {
        return new StatusChanged(shipmentId, tenant, trackingNumber, "sandbox", status, null, "SBX-" + status,
                description, location, "WEBHOOK", false, OffsetDateTime.parse(occurredAt), OffsetDateTime.now(),
                estimatedDelivery == null ? null : OffsetDateTime.parse(estimatedDelivery), null);
    }
}
