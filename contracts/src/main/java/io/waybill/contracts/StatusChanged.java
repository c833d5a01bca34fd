package io.waybill.contracts;

import java.time.OffsetDateTime;

/**
 * The shipment's tracking status moved.
 *
 * <p>{@code carrierCode} and {@code description} are the carrier's raw words, kept so that an
 * unmapped code ({@code exception.unmapped}, formerly {@link TrackingStatus#UNMAPPED}) can be diagnosed. {@code regression} flags a move
 * backwards (e.g. DELIVERED then IN_TRANSIT), which carriers do send and consumers may want to
 * question rather than apply blindly. {@code occurredAt} is the carrier's time with the carrier's
 * offset; {@code recordedAt} is when Waybill learned of it. {@code source} is WEBHOOK, POLL or
 * API. {@code previousStatus} is null for the first status and {@code location} may be null.
 *
 * <p>Added within v1 (optional): {@code estimatedDelivery}, the carrier's latest promise when it
 * gives one; {@code returnId}, set when the tracking number is a return label's (see
 * {@link LabelGenerated#returnId()}), so the outbound shipment's status is not confused with the
 * return parcel's.
 *
 * <p>Added in v1.1 (optional): {@code subStatus}, the status's refinement {@code <status>.<reason>} in lower
 * snake case (e.g. {@code delivery_failed.recipient_absent}, {@code customs.held}); {@code exception.unmapped}
 * marks a carrier code no mapping table knows (ADR 0043). Null when the source says no more than the status.
 */
public record StatusChanged(
        String shipmentId,
        String tenantId,
        String trackingNumber,
        String carrier,
        TrackingStatus status,
        TrackingStatus previousStatus,
        String carrierCode,
        String description,
        String location,
        String source,
        boolean regression,
        OffsetDateTime occurredAt,
        OffsetDateTime recordedAt,
        OffsetDateTime estimatedDelivery,
        String returnId,
        String subStatus) implements PublicEvent {

    /** The sub-status a carrier code no mapping table knows gets (with status {@link TrackingStatus#EXCEPTION}). */
    public static final String UNMAPPED_SUB_STATUS = "exception.unmapped";

    /** The v1.0 shape plus estimatedDelivery and returnId (before subStatus was added). */
    public StatusChanged(String shipmentId, String tenantId, String trackingNumber, String carrier,
            TrackingStatus status, TrackingStatus previousStatus, String carrierCode,
            String description, String location, String source, boolean regression,
            OffsetDateTime occurredAt, OffsetDateTime recordedAt, OffsetDateTime estimatedDelivery, String returnId) {
        this(shipmentId, tenantId, trackingNumber, carrier, status, previousStatus, carrierCode,
                description, location, source, regression, occurredAt, recordedAt, estimatedDelivery, returnId, null);
    }

    /** The v1.0 shape (before estimatedDelivery and returnId were added). */
    public StatusChanged(String shipmentId, String tenantId, String trackingNumber, String carrier,
            TrackingStatus status, TrackingStatus previousStatus, String carrierCode,
            String description, String location, String source, boolean regression,
            OffsetDateTime occurredAt, OffsetDateTime recordedAt) {
        this(shipmentId, tenantId, trackingNumber, carrier, status, previousStatus, carrierCode,
                description, location, source, regression, occurredAt, recordedAt, null, null, null);
    }
}
