package io.waybill.order.shipment;

import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.List;

/** The Shipment aggregate's private history. Public events are mapped from these (publishing/). */
public sealed interface ShipmentEvent {

    String shipmentId();

    record ShipmentAccepted(String shipmentId, String tenantId, ShipmentDetails details, OffsetDateTime acceptedAt)
            implements ShipmentEvent {
    }

    record LabelAttached(String shipmentId, String carrier, String service, String trackingNumber, List<ParcelLabel> parcels,
            List<String> formats, OffsetDateTime generatedAt) implements ShipmentEvent {
    }

    record LabelFailureRecorded(String shipmentId, String carrier, String reasonCode, String reason, boolean retryable,
            OffsetDateTime failedAt) implements ShipmentEvent {
    }

    record TrackingStatusRecorded(String shipmentId, TrackingStatus status, String carrierCode, String description,
            OffsetDateTime occurredAt) implements ShipmentEvent {
    }

    /** The fulfillment partner's warehouse reached a step (picked, packed...): its code and words (ADR 0094). */
    record WarehouseStepRecorded(String shipmentId, String partner, String code, String description, OffsetDateTime occurredAt)
            implements ShipmentEvent {
    }

    /**
     * The warehouse shipped a shipment the merchant had cancelled (the cancellation reached it too late):
     * the goods are on their way under this carrier and tracking number.
     */
    record ShippedAfterCancellation(String shipmentId, String carrier, String service, String trackingNumber,
            List<ParcelLabel> parcels, OffsetDateTime shippedAt) implements ShipmentEvent {
    }

    record ShipmentCancelled(String shipmentId, String tenantId, String orderReference, String reason,
            OffsetDateTime cancelledAt) implements ShipmentEvent {
    }
}
