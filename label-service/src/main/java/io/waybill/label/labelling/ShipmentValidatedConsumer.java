package io.waybill.label.labelling;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.label.labelling.LabelDecider.RecordOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every validated shipment gets its label once: the purchase intent is recorded with the inbox mark
 * (one transaction), then the carrier is asked right away (outside it); what that cannot finish the
 * retry scheduler does. A redelivery records nothing new and only resumes an open purchase. Shipments
 * a fulfillment partner ships ({@code fulfillment} set) are not ours (ADR 0090).
 */
@ApplicationScoped
public class ShipmentValidatedConsumer {

    private final Inbox inbox;
    private final LabelPurchasing purchasing;
    private final PurchaseAttempts attempts;

    public ShipmentValidatedConsumer(Inbox inbox, LabelPurchasing purchasing,
            PurchaseAttempts attempts) {
        this.inbox = inbox;
        this.purchasing = purchasing;
        this.attempts = attempts;
    }

    @Incoming("shipment-validated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentValidated(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, ShipmentValidated.class);
        ShipmentValidated shipment = received.event();
        if (shipment.fulfillment() != null) {
            return; // a 3PL warehouse ships it with its own carrier: fulfillment-service takes it (ADR 0090)
        }
        String stream = LabelEvents.streamId(shipment.shipmentId());
        boolean mayNeed = inbox.transaction(c -> purchasing.mayNeedPurchase(c, stream));
        RecordOutcome planned = mayNeed ? purchasing.plan(shipment) : null;
        inbox.processOnce("label-service", received.id(), c -> planned != null && purchasing.record(c, stream,
                shipment.tenantId(), shipment.shipmentId(), planned, received.id()));
        attempts.attempt(stream);
    }
}
