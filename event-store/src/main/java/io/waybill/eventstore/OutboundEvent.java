package io.waybill.eventstore;

/**
 * The public (integration) form of a stored event: where it goes and what it says. Stored events
 * are a service's private history; only what a {@link OutboundMapper} maps leaves the service.
 */
public record OutboundEvent(String topic, String key, String type, String subject, String tenant, byte[] data) {
}
