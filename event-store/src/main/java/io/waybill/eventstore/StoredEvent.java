package io.waybill.eventstore;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One event as the store keeps it: the envelope (ids, positions, metadata) around the JSON data. */
public record StoredEvent(
        UUID eventId,
        String streamId,
        String streamType,
        long version,
        long globalPosition,
        String eventType,
        String data,
        EventMetadata metadata,
        OffsetDateTime recordedAt) {
}
