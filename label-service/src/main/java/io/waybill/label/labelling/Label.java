package io.waybill.label.labelling;

import io.waybill.label.labelling.LabelEvent.LabelPurchaseRequested;

/**
 * A shipment's label as folded from its events. {@code carrier} and {@code trackingNumber} are those
 * of the purchased label (the carrier is what a void is sent to); null while there is none.
 * {@code request} is the last purchase intent; {@code cancelled} is set once the shipment was
 * cancelled, whatever the purchase's state then.
 */
public record Label(Status status, String tenantId, String carrier, String trackingNumber,
        LabelPurchaseRequested request, boolean cancelled) {

    public static final Label NONE = new Label(Status.NONE, null, null, null, null, false);

    public enum Status {
        /** Nothing known about the shipment yet. */
        NONE,
        /** A purchase was requested and has no outcome yet: the carrier is being (or will be) asked. */
        REQUESTED,
        /** A label was bought and is valid with the carrier (unless {@code cancelled}: then it is being voided). */
        PURCHASED,
        /** The last purchase attempt failed; a new ShipmentValidated may try again. */
        FAILED,
        /** The carrier's answer was lost and the carrier takes no idempotency key: an operator reconciles. */
        UNCONFIRMED,
        /** The shipment was cancelled and its purchased label voided with the carrier. */
        VOIDED,
        /** The shipment was cancelled before any label was bought: none will be. */
        CANCELLED
    }

    Label with(Status next) {
        return new Label(next, tenantId, carrier, trackingNumber, request, cancelled);
    }

    /** Whether the documents must not be printed: voided, or purchased for a shipment cancelled meanwhile. */
    public boolean voidedOrVoiding() {
        return status == Status.VOIDED || (status == Status.PURCHASED && cancelled);
    }
}
