package io.waybill.gateway.track;

import io.waybill.contracts.Address;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.StatusChanged;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents.Received;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the public events into the page's tables (V20__tracking_page.sql). Each event is applied once, in
 * the same transaction that records its id in the inbox. Events of one shipment arrive on three topics in
 * no guaranteed order across them, so every table is written independently and joined only when read.
 */
@ApplicationScoped
public class TrackingProjection {

    /** The inbox's consumer name: the page's projection, apart from anything else the gateway consumes. */
    static final String CONSUMER = "gateway-tracking-page";

    private final Inbox inbox;

    public TrackingProjection(Inbox inbox) {
        this.inbox = inbox;
    }

    public void shipmentValidated(Received<ShipmentValidated> received) {
        ShipmentValidated event = checked(received);
        Address recipient = event.recipient();
        if (recipient == null || recipient.country() == null || event.validatedAt() == null) {
            throw new PoisonMessage("ShipmentValidated " + received.id() + " has no recipient country or validatedAt", null);
        }
        inbox.processOnce(CONSUMER, received.id(), c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO track_shipments (shipment_id, tenant_id, order_reference, postal_code, country, validated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (shipment_id) DO UPDATE
                       SET order_reference = EXCLUDED.order_reference, postal_code = EXCLUDED.postal_code,
                           country = EXCLUDED.country, validated_at = EXCLUDED.validated_at
                     WHERE track_shipments.tenant_id = EXCLUDED.tenant_id""")) {
                upsert.setString(1, event.shipmentId());
                upsert.setString(2, event.tenantId());
                upsert.setString(3, event.orderReference());
                upsert.setString(4, LookupKeys.postalCode(recipient.postalCode()));
                upsert.setString(5, recipient.country());
                upsert.setTimestamp(6, timestamp(event.validatedAt()));
                if (upsert.executeUpdate() == 0) {
                    throw new PoisonMessage("shipment " + event.shipmentId() + " belongs to another tenant", null);
                }
            }
            return null;
        });
    }

    public void labelGenerated(Received<LabelGenerated> received) {
        LabelGenerated event = checked(received);
        if (event.carrier() == null || event.trackingNumber() == null || event.generatedAt() == null) {
            throw new PoisonMessage("LabelGenerated " + received.id() + " lacks carrier, tracking number or generatedAt", null);
        }
        // The master number and every parcel's own (equal for single-parcel carriers), each once.
        Map<String, String> numbers = new LinkedHashMap<>();
        numbers.put(LookupKeys.trackingNumber(event.trackingNumber()), event.trackingNumber());
        for (ParcelLabel parcel : event.parcels() == null ? List.<ParcelLabel>of() : event.parcels()) {
            if (parcel.trackingNumber() != null) {
                numbers.putIfAbsent(LookupKeys.trackingNumber(parcel.trackingNumber()), parcel.trackingNumber());
            }
        }
        inbox.processOnce(CONSUMER, received.id(), c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO track_numbers (number_key, tracking_number, shipment_id, tenant_id, carrier, return_id, labelled_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (number_key, shipment_id) DO NOTHING""")) {
                for (Map.Entry<String, String> number : numbers.entrySet()) {
                    insert.setString(1, number.getKey());
                    insert.setString(2, number.getValue());
                    insert.setString(3, event.shipmentId());
                    insert.setString(4, event.tenantId());
                    insert.setString(5, event.carrier());
                    insert.setString(6, event.returnId());
                    insert.setTimestamp(7, timestamp(event.generatedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public void statusChanged(Received<StatusChanged> received) {
        StatusChanged event = checked(received);
        if (event.trackingNumber() == null || event.status() == null || event.occurredAt() == null) {
            throw new PoisonMessage("StatusChanged " + received.id() + " lacks tracking number, status or occurredAt", null);
        }
        inbox.processOnce(CONSUMER, received.id(), c -> {
            insertStatus(c, received.id(), event);
            return null;
        });
    }

    private static void insertStatus(Connection c, String eventId, StatusChanged event) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO track_statuses (event_id, number_key, shipment_id, tenant_id, status, description, location,
                    occurred_at, occurred_offset, recorded_at, estimated_delivery, estimated_delivery_offset)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""")) {
            insert.setString(1, eventId);
            insert.setString(2, LookupKeys.trackingNumber(event.trackingNumber()));
            insert.setString(3, event.shipmentId());
            insert.setString(4, event.tenantId());
            insert.setString(5, event.status().name());
            insert.setString(6, event.description());
            insert.setString(7, event.location());
            insert.setTimestamp(8, timestamp(event.occurredAt()));
            insert.setInt(9, event.occurredAt().getOffset().getTotalSeconds());
            insert.setTimestamp(10, timestamp(event.recordedAt() != null ? event.recordedAt() : event.occurredAt()));
            OffsetDateTime estimate = event.estimatedDelivery();
            insert.setTimestamp(11, estimate == null ? null : timestamp(estimate));
            if (estimate == null) {
                insert.setNull(12, Types.INTEGER);
            } else {
                insert.setInt(12, estimate.getOffset().getTotalSeconds());
            }
            insert.executeUpdate();
        }
    }

    /** The event's own tenant must be the one its CloudEvent carries; a shipment id is required everywhere. */
    private static <E extends PublicEvent> E checked(Received<E> received) {
        E event = received.event();
        if (event.shipmentId() == null || event.tenantId() == null) {
            throw new PoisonMessage(event.getClass().getSimpleName() + " " + received.id() + " has no shipment or tenant", null);
        }
        if (received.tenant() != null && !received.tenant().equals(event.tenantId())) {
            throw new PoisonMessage("CloudEvent " + received.id() + " names tenant " + received.tenant()
                    + " but its data tenant " + event.tenantId(), null);
        }
        return event;
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        return Timestamp.from(time.toInstant());
    }
}
