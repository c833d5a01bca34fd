package io.waybill.contracts;

import java.time.OffsetDateTime;

/**
 * The carrier would not issue a label.
 *
 * <p>{@code retryable} tells consumers whether the same request may succeed later (carrier down)
 * or needs a change first (invalid postal code); {@code reasonCode} is machine-readable,
 * {@code reason} is for people.
 */
public record LabelFailed(
        String shipmentId,
        String tenantId,
        String carrier,
        String reasonCode,
        String reason,
        boolean retryable,
        OffsetDateTime failedAt,
        String returnId) implements PublicEvent {

    /** The v1.0 shape (before {@code returnId}, set when a return label failed, was added; ADR 0008). */
    public LabelFailed(String shipmentId, String tenantId, String carrier, String reasonCode, String reason,
            boolean retryable, OffsetDateTime failedAt) {
        this(shipmentId, tenantId, carrier, reasonCode, reason, retryable, failedAt, null);
    }
}
