package io.waybill.order.shipment;

/** A command that the shipment's current state does not allow (answered with 409). */
public final class ShipmentRuleViolated extends RuntimeException {

    public ShipmentRuleViolated(String message) {
        super(message);
    }
}
