package io.waybill.contracts;

/**
 * Waybill's carrier-neutral tracking status; each carrier adapter maps its own codes onto it.
 */
public enum TrackingStatus {
    PENDING(false),
    INFO_RECEIVED(false),
    IN_TRANSIT(false),
    OUT_FOR_DELIVERY(false),
    AVAILABLE_FOR_PICKUP(false),
    DELIVERY_FAILED(false),
    DELIVERED(true),
    EXCEPTION(false),
    RETURNING(false),
    RETURNED(true),
    CANCELLED(true),
    /**
     * The carrier sent a code no mapping knows. Kept explicit (the raw code travels in
     * {@code StatusChanged.carrierCode}) instead of silently becoming {@link #IN_TRANSIT}, so
     * that an outdated mapping shows up rather than hiding a lost or returned parcel.
     */
    UNMAPPED(false);

    private final boolean terminal;

    TrackingStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when no further carrier update is expected: trackers can stop polling. */
    public boolean isFinal() {
        return terminal;
    }
}
