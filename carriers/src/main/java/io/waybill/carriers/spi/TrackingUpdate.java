package io.waybill.carriers.spi;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One carrier event for one tracking number. {@code carrier} is the carrier's code (e.g.
 * {@code koiki}); {@code carrierCode} and {@code description} are the carrier's raw status code and
 * words (kept so that an {@link TrackingStatus#UNMAPPED} status can be diagnosed); {@code status} is the
 * normalized one. {@code occurredAt} is the carrier's time with the carrier's offset; {@code location}
 * may be null. {@code estimatedDelivery} is the carrier's delivery promise as of this event, when its
 * API gives one (null otherwise).
 */
public record TrackingUpdate(String trackingNumber, String carrier, TrackingStatus status, String carrierCode,
        String description, String location, OffsetDateTime occurredAt, OffsetDateTime estimatedDelivery) {

    public TrackingUpdate {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** An update of a carrier that gives no delivery estimate. */
    public TrackingUpdate(String trackingNumber, String carrier, TrackingStatus status, String carrierCode,
            String description, String location, OffsetDateTime occurredAt) {
        this(trackingNumber, carrier, status, carrierCode, description, location, occurredAt, null);
    }
}
