package io.waybill.gateway.webhooks.delivering;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One event's delivery to one subscription. {@code status}: pending (waiting or retrying), delivered, or parked
 * (retries exhausted; redeliver to try again). {@code lastError} says what went wrong, e.g. "HTTP 500" or "timed out".
 */
public record DeliveryView(UUID id, String eventId, String eventType, String shipmentId, String status, int attempts,
        Integer lastStatusCode, String lastError, OffsetDateTime createdAt, OffsetDateTime lastAttemptAt,
        OffsetDateTime nextAttemptAt, OffsetDateTime deliveredAt) {
}
