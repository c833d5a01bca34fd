package io.waybill.gateway.webhooks.subscribing;

import java.util.List;

/**
 * {@code url}: HTTPS endpoint of the partner; {@code eventTypes}: CloudEvents types from the public catalog,
 * e.g. {@code io.waybill.tracking.status-changed.v1}; {@code description}: free text for people.
 */
public record SubscriptionRequest(String url, List<String> eventTypes, String description) {
}
