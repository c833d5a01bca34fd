package io.waybill.contracts;

/**
 * Waybill's carrier-neutral tracking status; each carrier adapter maps its own codes onto it.
 * {@code StatusChanged.subStatus} refines it ({@code <status>.<reason>}, e.g.
 * {@code delivery_failed.recipient_absent}). Values are added within v1 (ADR 0008, 0043): CUSTOMS and
 * EXPIRED in v1.1; consumers must treat a value they do not know like {@link #EXCEPTION}.
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
     * Before v1.1: the carrier sent a code no mapping knows. Since v1.1 such a code is published as
     * {@link #EXCEPTION} with sub-status {@code exception.unmapped} (ADR 0043), still with the raw code in
     * {@code StatusChanged.carrierCode}; UNMAPPED stays valid because events stored and published
     * before carry it, and consumers must keep handling it like {@code exception.unmapped}.
     */
    @Deprecated
    UNMAPPED(false),
    /** Held or being cleared by customs (added in v1.1). */
    CUSTOMS(false),
    /**
     * The carrier stopped reporting: the tracking or the parcel's hold expired (added in v1.1). Not final:
     * a carrier may still send a return after it, so trackers keep polling, slowly.
     */
    EXPIRED(false);

    private final boolean terminal;

    TrackingStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** True when no further carrier update is expected: trackers can stop polling. */
    public boolean isFinal() {
        return terminal;
    }
}
