package io.waybill.eventstore;

import java.util.Map;
import java.util.Objects;

/**
 * What is known about why an event happened: the tenant it belongs to and the correlation and
 * causation ids that let one follow a request across services. Stored beside every event.
 */
public record EventMetadata(String tenantId, String correlationId, String causationId, Map<String, String> attributes) {

    public EventMetadata {
        Objects.requireNonNull(tenantId, "tenantId");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static EventMetadata of(String tenantId, String correlationId, String causationId) {
        return new EventMetadata(tenantId, correlationId, causationId, Map.of());
    }

    public EventMetadata with(String key, String value) {
        var copy = new java.util.HashMap<>(attributes);
        copy.put(key, value);
        return new EventMetadata(tenantId, correlationId, causationId, copy);
    }
}
