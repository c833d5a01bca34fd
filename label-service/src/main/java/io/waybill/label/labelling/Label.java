package io.waybill.label.labelling;

/** A shipment's label as folded from its events. */
public record Label(Status status, String tenantId, String trackingNumber) {

    public static final Label NONE = new Label(Status.NONE, null, null);

    public enum Status {
        NONE, PURCHASED, FAILED
    }
}
