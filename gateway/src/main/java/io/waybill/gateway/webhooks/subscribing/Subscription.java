package io.waybill.gateway.webhooks.subscribing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A partner endpoint that receives the tenant's public events of the listed CloudEvents types. */
public record Subscription(UUID id, String url, List<String> eventTypes, String description, OffsetDateTime createdAt) {
}
