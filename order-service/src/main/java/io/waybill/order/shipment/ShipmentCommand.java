package io.waybill.order.shipment;

import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.List;

/** What can be asked of a shipment. */
public sealed interface ShipmentCommand {

    record AcceptShipment(String shipmentId, String tenantId, ShipmentDetails details, OffsetDateTime at)
            implements ShipmentCommand {
    }

    record AttachLabel(String carrier, String service, String trackingNumber, List<ParcelLabel> parcels, List<String> formats,
            OffsetDateTime at)
            implements ShipmentCommand {
    }

    record RecordLabelFailure(String carrier, String reasonCode, String reason, boolean retryable, OffsetDateTime at)
            implements ShipmentCommand {
    }

    /**
     * A StatusChanged. {@code carrier} is who reported it: for a shipment routed to a fulfillment partner,
     * the partner's code means a warehouse step, not a carrier scan.
     */
    record RecordTrackingStatus(String carrier, TrackingStatus status, String carrierCode, String description,
            OffsetDateTime occurredAt) implements ShipmentCommand {

        public RecordTrackingStatus(TrackingStatus status, String carrierCode, String description, OffsetDateTime occurredAt) {
            this(null, status, carrierCode, description, occurredAt);
        }
    }

    record CancelShipment(String reason, OffsetDateTime at) implements ShipmentCommand {
    }
}
