package io.waybill.carriers.spi;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One carrier event for one tracking number. {@code carrier} is the carrier's code (e.g.
 * {@code koiki}); {@code carrierCode} and {@code description} are the carrier's raw status code and
 * words (kept so that an {@link TrackingStatus#UNMAPPED} status can be diagnosed); {@code status} is the
 * normalized one. {@code occurredAt} is the carrier's time with the carrier's offset; {@code location}
 * may be null.
 */
public record TrackingUpdate(String trackingNumber, String carrier, TrackingStatus status, String carrierCode,
        String description, String location, OffsetDateTime occurredAt) {

    public TrackingUpdate {
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
