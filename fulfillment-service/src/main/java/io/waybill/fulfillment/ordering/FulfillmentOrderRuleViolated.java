package io.waybill.fulfillment.ordering;

/** A command that the order's state does not allow. */
public class FulfillmentOrderRuleViolated extends RuntimeException {

    public FulfillmentOrderRuleViolated(String message) {
        super(message);
    }
}
