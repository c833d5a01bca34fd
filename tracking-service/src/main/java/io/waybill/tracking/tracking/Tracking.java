package io.waybill.tracking.tracking;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A tracked parcel as folded from its events. {@code seen}: carrier events already in the timeline (by
 * code and time) with their current normalized status; {@code statusKey}: which of them set the
 * status; {@code returnId}: set when the number is a return label's.
 */
public record Tracking(String trackingNumber, String carrier, String shipmentId, String tenantId, TrackingStatus status,
        OffsetDateTime statusAt, Map<String, TrackingStatus> seen, String statusKey, String returnId) {

    public static final Tracking NONE = new Tracking(null, null, null, null, null, null, Map.of(), null, null);

    public boolean registered() {
        return shipmentId != null;
    }
}
