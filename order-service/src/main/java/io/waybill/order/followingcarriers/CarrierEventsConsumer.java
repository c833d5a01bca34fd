package io.waybill.order.followingcarriers;

import io.smallrye.common.annotation.Blocking;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.PublicEvent;
import io.waybill.contracts.StatusChanged;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.order.shipment.Shipment;
import io.waybill.order.shipment.ShipmentCommand;
import io.waybill.order.shipment.ShipmentCommand.AttachLabel;
import io.waybill.order.shipment.ShipmentCommand.RecordLabelFailure;
import io.waybill.order.shipment.ShipmentCommand.RecordTrackingStatus;
import io.waybill.order.shipment.ShipmentCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the Shipment up to date with what label-service and tracking-service publish. Each event is
 * applied once (inbox), retried with back-off on transient errors, and parked in the topic's DLQ
 * when it can never be applied. Events of a return label ({@code returnId} set, ADR 0008) are the
 * return parcel's, not the shipment's: they are skipped, so a return label never becomes the
 * shipment's label, failure or tracking status.
 */
@ApplicationScoped
public class CarrierEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CarrierEventsConsumer.class);
    private static final String CONSUMER = "order-service";

    private final Inbox inbox;
    private final ShipmentCommands commands;

    public CarrierEventsConsumer(Inbox inbox, ShipmentCommands commands) {
        this.inbox = inbox;
        this.commands = commands;
    }

    @Incoming("label-generated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onLabelGenerated(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, LabelGenerated.class);
        LabelGenerated e = received.event();
        if (ofAReturn(e.returnId(), e)) {
            return;
        }
        apply(received, new AttachLabel(e.carrier(), e.service(), e.trackingNumber(), e.parcels(), e.formats(), e.generatedAt()));
    }

    @Incoming("label-failed")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onLabelFailed(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, LabelFailed.class);
        LabelFailed e = received.event();
        if (ofAReturn(e.returnId(), e)) {
            return;
        }
        apply(received, new RecordLabelFailure(e.carrier(), e.reasonCode(), e.reason(), e.retryable(), e.failedAt()));
    }

    @Incoming("status-changed")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onStatusChanged(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, StatusChanged.class);
        StatusChanged e = received.event();
        if (ofAReturn(e.returnId(), e)) {
            return;
        }
        apply(received, new RecordTrackingStatus(e.carrier(), e.status(), e.carrierCode(), e.description(), e.occurredAt()));
    }

    private static boolean ofAReturn(String returnId, PublicEvent event) {
        if (returnId == null) {
            return false;
        }
        LOG.debugf("Skipping %s of return %s of shipment %s", event.getClass().getSimpleName(), returnId, event.shipmentId());
        return true;
    }

    private void apply(PublicEvents.Received<? extends PublicEvent> received, ShipmentCommand command) {
        PublicEvent event = received.event();
        inbox.processOnce(CONSUMER, received.id(), c -> {
            Shipment shipment = commands.load(c, event.shipmentId());
            if (shipment.status() == Shipment.ShipmentStatus.NONE) {
                // Not one of ours (e.g. a shipment of another Waybill installation on a shared broker).
                LOG.debugf("Ignoring %s for unknown shipment %s", event.getClass().getSimpleName(), event.shipmentId());
                return null;
            }
            if (!shipment.tenantId().equals(event.tenantId())) {
                throw new PoisonMessage("tenant " + event.tenantId() + " does not own shipment " + event.shipmentId(), null);
            }
            commands.handle(c, event.shipmentId(), command, EventMetadata.of(event.tenantId(), event.shipmentId(), received.id()));
            return null;
        });
    }
}
