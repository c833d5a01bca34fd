package io.waybill.tracking.tracking;

import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A tracked parcel as folded from its events. {@code seen}: carrier events already in the timeline (by
 * code and time) with their current normalized status and sub-status; {@code statusKey}: which of them set
 * the status; {@code returnId}: set when the number is a return label's.
 */
public record Tracking(String trackingNumber, String carrier, String shipmentId, String tenantId, TrackingStatus status,
        OffsetDateTime statusAt, Map<String, NormalizedStatus> seen, String statusKey, String returnId) {

    public static final Tracking NONE = new Tracking(null, null, null, null, null, null, Map.of(), null, null);

    /** The current status's sub-status (null when none, or before the first carrier event). */
    public String subStatus() {
        NormalizedStatus current = statusKey == null ? null : seen.get(statusKey);
        return current == null || current.status() != status ? null : current.subStatus();
    }

    public boolean registered() {
        return shipmentId != null;
    }
}
