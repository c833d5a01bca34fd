package io.waybill.label.labelling;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every validated shipment gets its label once (inbox + the label stream's own check), except those a
 * fulfillment partner ships ({@code fulfillment} set).
 */
@ApplicationScoped
public class ShipmentValidatedConsumer {

    private final Inbox inbox;
    private final LabelPurchasing purchasing;

    public ShipmentValidatedConsumer(Inbox inbox, LabelPurchasing purchasing) {
        this.inbox = inbox;
        this.purchasing = purchasing;
    }

    @Incoming("shipment-validated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentValidated(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, ShipmentValidated.class);
        if (received.event().fulfillment() != null) {
            return; // a 3PL warehouse ships it with its own carrier: fulfillment-service takes it (ADR 0090)
        }
        inbox.processOnce("label-service", received.id(), c -> {
            purchasing.purchase(c, received.event(), received.id());
            return null;
        });
    }
}
