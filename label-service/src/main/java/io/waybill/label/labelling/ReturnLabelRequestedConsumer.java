package io.waybill.label.labelling;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ReturnLabelRequested;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.label.labelling.LabelDecider.RecordOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A return label is bought like a shipment's (ADR 0050, 0051): its own label stream
 * ({@code label-return-<returnId>}), the carrier's return product where it has one, else a shipment
 * from the customer to the merchant; answered with LabelGenerated/LabelFailed carrying the returnId.
 * Once per return: the inbox and the stream's own check make a redelivery record nothing.
 */
@ApplicationScoped
public class ReturnLabelRequestedConsumer {

    private final EventStore store;
    private final Inbox inbox;
    private final LabelPurchasing purchasing;
    private final PurchaseAttempts attempts;

    public ReturnLabelRequestedConsumer(EventStore store, Inbox inbox,
            LabelPurchasing purchasing, PurchaseAttempts attempts) {
        this.store = store;
        this.inbox = inbox;
        this.purchasing = purchasing;
        this.attempts = attempts;
    }

    @Incoming("return-label-requested")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onReturnLabelRequested(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, ReturnLabelRequested.class);
        ReturnLabelRequested wanted = received.event();
        String stream = LabelEvents.streamId(wanted.shipmentId(), wanted.returnId());
        // The outbound label tells the tenant and the original reference; quoting (if any) happens outside the transaction.
        String originalReference = inbox.transaction(c -> {
            Label outbound = store.fold(c, LabelEvents.streamId(wanted.shipmentId()), LabelEvents.CODEC, Label.NONE,
                    LabelDecider::evolve).state();
            if (outbound.tenantId() != null && !outbound.tenantId().equals(wanted.tenantId())) {
                throw new PoisonMessage("tenant " + wanted.tenantId() + " does not own shipment " + wanted.shipmentId(),
                        null);
            }
            if (!purchasing.mayNeedPurchase(c, stream)) {
                return null;
            }
            return outbound.request() != null ? outbound.request().shipment().orderReference() : wanted.shipmentId();
        });
        RecordOutcome planned = originalReference == null ? null
                : purchasing.plan(carrierShipment(wanted), wanted.shipmentId(), wanted.returnId(), originalReference);
        inbox.processOnce("label-service", received.id(), c -> planned != null && purchasing.record(c, stream,
                wanted.tenantId(), wanted.shipmentId(), planned, received.id()));
        attempts.attempt(stream);
    }

    /**
     * The return as the carrier books it: from the customer to the merchant, numbered by the return's id;
     * without a carrier, the cheapest installed one that quotes it.
     */
    static ShipmentValidated carrierShipment(ReturnLabelRequested r) {
        return new ShipmentValidated(r.returnId(), r.tenantId(), r.reference(), r.sender(), r.recipient(), r.parcels(),
                r.carrier(), r.service(), r.carrier() == null ? "CHEAPEST" : null,
                r.labelFormat() == null ? "PDF" : r.labelFormat(), null, r.requestedAt());
    }
}
