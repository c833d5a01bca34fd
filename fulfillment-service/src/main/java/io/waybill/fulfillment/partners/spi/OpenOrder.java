package io.waybill.fulfillment.partners.spi;

/** An order the partner has and has not finished: what polling asks about. */
public record OpenOrder(String orderNumber, String partnerReference) {
}
