package io.waybill.label.labelling;

/**
 * A shipment's label as folded from its events. {@code carrier} and {@code trackingNumber} are those
 * of the purchased label (the carrier is what a void is sent to); null while there is none.
 */
public record Label(Status status, String tenantId, String carrier, String trackingNumber) {

    public static final Label NONE = new Label(Status.NONE, null, null, null);

    public enum Status {
        /** Nothing known about the shipment yet. */
        NONE,
        /** A label was bought and is valid with the carrier. */
        PURCHASED,
        /** The last purchase attempt failed; a new ShipmentValidated may try again. */
        FAILED,
        /** The shipment was cancelled and its purchased label voided with the carrier. */
        VOIDED,
        /** The shipment was cancelled before any label was bought: none will be. */
        CANCELLED
    }
}
