package io.waybill.fulfillment.partners.spi;

/**
 * The partner was told of a cancellation. {@code confirmed}: it cancelled the order there and then (an API
 * that answers); otherwise its confirmation comes back later with its other reports (a file partner).
 */
public record CancelledOrder(boolean confirmed, Exchange exchange) {
}
