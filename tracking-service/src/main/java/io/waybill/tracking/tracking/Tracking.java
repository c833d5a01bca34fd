package io.waybill.tracking.tracking;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.Set;

/** A tracked parcel as folded from its events. {@code seen}: carrier events already in the timeline. */
public record Tracking(String trackingNumber, String carrier, String shipmentId, String tenantId, TrackingStatus status,
        OffsetDateTime statusAt, Set<String> seen) {

    public static final Tracking NONE = new Tracking(null, null, null, null, null, null, Set.of());

    public boolean registered() {
        return shipmentId != null;
    }
}
