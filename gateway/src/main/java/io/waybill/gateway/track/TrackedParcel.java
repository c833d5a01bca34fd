package io.waybill.gateway.track;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a visitor who knows a tracking number and its delivery postal code may see: no tenant, shipment id,
 * order reference or address. {@code timeline} is newest first by the carrier's event time, so a late
 * event slots into its place instead of becoming the current status.
 */
public record TrackedParcel(
        String trackingNumber,
        String carrier,
        boolean returnParcel,
        OffsetDateTime labelledAt,
        List<Entry> timeline) {

    /** One carrier status, at the carrier's time and offset. */
    public record Entry(TrackingStatus status, String description, String location, OffsetDateTime occurredAt,
            OffsetDateTime estimatedDelivery) {

        /** How the page colours the status; the words always say it too. */
        public String tone() {
            return switch (status) {
                case DELIVERED -> "delivered";
                case DELIVERY_FAILED, EXCEPTION, RETURNING, RETURNED, CANCELLED, EXPIRED -> "attention";
                case IN_TRANSIT, CUSTOMS, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP -> "moving";
                case PENDING, INFO_RECEIVED, UNMAPPED -> "neutral";
            };
        }
    }

    public TrackedParcel {
        timeline = List.copyOf(timeline);
    }

    /** The newest status, or null while the carrier has not scanned the parcel yet. */
    public Entry current() {
        return timeline.isEmpty() ? null : timeline.get(0);
    }

    /**
     * The carrier's latest promise (from the newest event that carried one), or null when none was given or
     * the parcel's journey is over.
     */
    public OffsetDateTime estimatedDelivery() {
        Entry current = current();
        if (current == null || current.status().isFinal()) {
            return null;
        }
        return timeline.stream()
                .map(Entry::estimatedDelivery)
                .filter(estimate -> estimate != null)
                .findFirst()
                .orElse(null);
    }
}
