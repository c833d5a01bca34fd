package io.waybill.order.shipment;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;

/** A shipment as folded from its events. */
public record Shipment(
        String id,
        String tenantId,
        ShipmentStatus status,
        ShipmentDetails details,
        String trackingNumber,
        TrackingStatus trackingStatus,
        OffsetDateTime trackingStatusAt) {

    public static final Shipment NONE = new Shipment(null, null, ShipmentStatus.NONE, null, null, null, null);

    public enum ShipmentStatus {
        NONE, ACCEPTED, LABELLED, LABEL_FAILED, CANCELLED
    }

    Shipment with(ShipmentStatus newStatus) {
        return new Shipment(id, tenantId, newStatus, details, trackingNumber, trackingStatus, trackingStatusAt);
    }
}
