package io.waybill.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudevents.CloudEvent;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.PublicEventType;
import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The public events of {@code contracts} on the wire: to an {@link OutboundEvent}, and back from a Kafka record. */
public final class PublicEvents {

    private PublicEvents() {
    }

    /** Topic, key and subject = shipment id, CloudEvents type from the catalog, JSON data. */
    public static OutboundEvent outbound(PublicEvent event) {
        PublicEventType type = PublicEventType.of(event);
        try {
            return new OutboundEvent(type.topic(), event.shipmentId(), type.cloudEventType(), event.shipmentId(),
                    event.tenantId(), ContractsJson.mapper().writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + type, e);
        }
    }

    /** A received public event with its CloudEvents id (the inbox key). */
    public record Received<E extends PublicEvent>(String id, String tenant, E event) {
    }

    /**
     * Reads a binary-mode CloudEvent of the expected type. Anything else — missing headers, another
     * type, unreadable JSON — is a {@link PoisonMessage}: retrying cannot fix it, it goes to the DLQ.
     */
    public static <E extends PublicEvent> Received<E> read(ConsumerRecord<String, byte[]> record, Class<E> expected) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = CloudEventRecords.read(record);
        } catch (RuntimeException e) {
            throw new PoisonMessage("not a binary-mode CloudEvent: " + e.getMessage(), e);
        }
        PublicEventType type = PublicEventType.byCloudEventType(cloudEvent.getType())
                .orElseThrow(() -> new PoisonMessage("unknown event type " + cloudEvent.getType(), null));
        if (!type.eventClass().equals(expected)) {
            throw new PoisonMessage("expected " + expected.getSimpleName() + " but got " + cloudEvent.getType(), null);
        }
        if (cloudEvent.getData() == null) {
            throw new PoisonMessage("event " + cloudEvent.getId() + " has no data", null);
        }
        try {
            E event = ContractsJson.mapper().readValue(cloudEvent.getData().toBytes(), expected);
            return new Received<>(cloudEvent.getId(), CloudEventRecords.tenant(cloudEvent), event);
        } catch (IOException e) {
            throw new PoisonMessage("unreadable " + type + " data: " + e.getMessage(), e);
        }
    }
}
