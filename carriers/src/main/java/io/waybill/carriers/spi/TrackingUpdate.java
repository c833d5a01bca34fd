package io.waybill.carriers.spi;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One carrier event for one tracking number. {@code carrier} is the carrier's code (e.g.
 * {@code koiki}); {@code carrierCode} and {@code description} are the carrier's raw status code and
 * words (kept so that an unmapped code can be diagnosed); {@code status} and {@code subStatus} are the
 * normalized ones ({@code subStatus} may be null; see {@link NormalizedStatus}). {@code occurredAt} is the
 * carrier's time with the carrier's offset; {@code location} may be null. {@code estimatedDelivery} is the
 * carrier's delivery promise as of this event, when its API gives one (null otherwise).
 */
public record TrackingUpdate(String trackingNumber, String carrier, TrackingStatus status, String carrierCode,
        String description, String location, OffsetDateTime occurredAt, OffsetDateTime estimatedDelivery,
        String subStatus) {

    public TrackingUpdate {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        new NormalizedStatus(status, subStatus); // a sub-status belongs to its status
    }

    /** An update without a sub-status. */
    public TrackingUpdate(String trackingNumber, String carrier, TrackingStatus status, String carrierCode,
            String description, String location, OffsetDateTime occurredAt, OffsetDateTime estimatedDelivery) {
        this(trackingNumber, carrier, status, carrierCode, description, location, occurredAt, estimatedDelivery, null);
    }

    /** An update without a sub-status, of a carrier that gives no delivery estimate. */
    public TrackingUpdate(String trackingNumber, String carrier, TrackingStatus status, String carrierCode,
            String description, String location, OffsetDateTime occurredAt) {
        this(trackingNumber, carrier, status, carrierCode, description, location, occurredAt, null, null);
    }

    /** An update normalized by a {@link StatusTable}. */
    public TrackingUpdate(String trackingNumber, String carrier, NormalizedStatus normalized, String carrierCode,
            String description, String location, OffsetDateTime occurredAt, OffsetDateTime estimatedDelivery) {
        this(trackingNumber, carrier, normalized.status(), carrierCode, description, location, occurredAt,
                estimatedDelivery, normalized.subStatus());
    }

    public NormalizedStatus normalized() {
        return new NormalizedStatus(status, subStatus);
    }
}
