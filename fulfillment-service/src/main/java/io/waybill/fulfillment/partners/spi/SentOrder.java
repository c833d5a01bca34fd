package io.waybill.fulfillment.partners.spi;

/** The partner took the order: its own reference for it (an order id, a file name) and the exchange. */
public record SentOrder(String partnerReference, Exchange exchange) {
}
