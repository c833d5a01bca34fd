package io.waybill.gateway.webhooks.fanningout;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.waybill.contracts.PublicEventType;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A public event as partners receive it: the Kafka record's binary-mode CloudEvent re-encoded in structured mode
 * (JSON with the data inline), plus what fan-out needs to route and order it.
 */
record IncomingEvent(String id, String type, String tenant, String shipmentId, OffsetDateTime time, byte[] payload) {

    private static final EventFormat STRUCTURED = new JsonFormat();

    /**
     * Empty for a type outside the catalog (e.g. a future .v2 this gateway does not know yet): skipped, not parked.
     * A record that is no CloudEvent, whose data does not match its catalogued type, or that names no tenant or
     * shipment is a {@link PoisonMessage}.
     */
    static Optional<IncomingEvent> read(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = CloudEventRecords.read(record);
        } catch (RuntimeException e) {
            throw new PoisonMessage("not a binary-mode CloudEvent: " + e.getMessage(), e);
        }
        Optional<PublicEventType> type = PublicEventType.byCloudEventType(event.getType());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        // Validates the data against the contract record (throws PoisonMessage); what is sent is the original data.
        PublicEvents.Received<?> received = PublicEvents.read(record, type.get().eventClass());
        String tenant = CloudEventRecords.tenant(event);
        if (tenant == null || tenant.isBlank()) {
            throw new PoisonMessage("event " + event.getId() + " carries no tenant", null);
        }
        if (!tenant.equals(received.event().tenantId())) {
            throw new PoisonMessage("event " + event.getId() + " is for tenant " + received.event().tenantId()
                    + " but its CloudEvent says " + tenant, null);
        }
        String shipment = event.getSubject() != null ? event.getSubject() : received.event().shipmentId();
        if (shipment == null || shipment.isBlank()) {
            throw new PoisonMessage("event " + event.getId() + " names no shipment", null);
        }
        OffsetDateTime time = event.getTime() != null ? event.getTime() : OffsetDateTime.now(ZoneOffset.UTC);
        return Optional.of(new IncomingEvent(event.getId(), event.getType(), tenant, shipment, time,
                STRUCTURED.serialize(event)));
    }
}
