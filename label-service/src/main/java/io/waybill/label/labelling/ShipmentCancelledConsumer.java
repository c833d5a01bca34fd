package io.waybill.label.labelling;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A cancelled shipment's label is voided with the carrier once (inbox + the label stream's own check). */
@ApplicationScoped
public class ShipmentCancelledConsumer {

    private final Inbox inbox;
    private final LabelVoiding voiding;

    public ShipmentCancelledConsumer(Inbox inbox, LabelVoiding voiding) {
        this.inbox = inbox;
        this.voiding = voiding;
    }

    @Incoming("shipment-cancelled")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentCancelled(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, ShipmentCancelled.class);
        inbox.processOnce("label-service", received.id(), c -> {
            voiding.cancel(c, received.event(), received.id());
            return null;
        });
    }
}
