package io.waybill.returns.labels;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.PublicEvent;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.returns.gettingreturns.ReturnView;
import io.waybill.returns.gettingreturns.ReturnViews;
import io.waybill.returns.returning.ReturnCommand;
import io.waybill.returns.returning.ReturnCommand.RecordReturnLabel;
import io.waybill.returns.returning.ReturnCommand.RecordReturnLabelFailure;
import io.waybill.returns.returning.ReturnCommands;
import io.waybill.returns.returning.ReturnRuleViolated;
import io.waybill.returns.returning.ShipmentReturns;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * What label-service answers. A LabelGenerated with {@code returnId} gives the return its own
 * tracking number (the return parcel is then followed by that number); a LabelFailed with
 * {@code returnId} records why there is no return label. An outbound LabelGenerated (no returnId)
 * records the shipment's tracking numbers, through which carrier return webhooks find the shipment,
 * and applies the webhooks parked until then. Once per message (inbox); poison goes to the DLQ.
 */
@ApplicationScoped
public class LabelEventsConsumer {

    private static final Logger LOG = Logger.getLogger(LabelEventsConsumer.class);
    static final String CONSUMER = "returns-service";

    private final Inbox inbox;
    private final ReturnCommands commands;
    private final ShipmentReturns returns;

    public LabelEventsConsumer(Inbox inbox, ReturnCommands commands, ShipmentReturns returns) {
        this.inbox = inbox;
        this.commands = commands;
        this.returns = returns;
    }

    @Incoming("label-generated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onLabelGenerated(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, LabelGenerated.class);
        LabelGenerated e = received.event();
        check(received, e.carrier(), e.trackingNumber());
        if (e.returnId() != null) {
            toReturn(received, e.returnId(), new RecordReturnLabel(e.carrier(), e.trackingNumber(), e.labelId(),
                    e.generatedAt()));
            return;
        }
        Set<String> numbers = new LinkedHashSet<>();
        numbers.add(e.trackingNumber());
        for (ParcelLabel parcel : e.parcels()) {
            if (parcel != null && parcel.trackingNumber() != null && !parcel.trackingNumber().isBlank()) {
                numbers.add(parcel.trackingNumber());
            }
        }
        inbox.processOnce(CONSUMER, received.id(), c -> {
            ShipmentReturns.lock(c, e.shipmentId());
            for (String number : numbers) {
                OutboundParcels.save(c, e.carrier(), number, e.shipmentId(), e.tenantId());
                returns.applyParkedForParcel(c, e.carrier(), number, e.shipmentId(), e.tenantId());
            }
            return null;
        });
    }

    @Incoming("label-failed")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onLabelFailed(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, LabelFailed.class);
        LabelFailed e = received.event();
        if (e.returnId() == null) {
            return; // the outbound label: order-service's business
        }
        check(received, e.carrier(), "-");
        toReturn(received, e.returnId(), new RecordReturnLabelFailure(e.carrier(), e.reasonCode(), e.reason(),
                e.retryable(), e.failedAt()));
    }

    private void toReturn(PublicEvents.Received<? extends PublicEvent> received, String returnId, ReturnCommand command) {
        PublicEvent e = received.event();
        inbox.processOnce(CONSUMER, received.id(), c -> {
            ShipmentReturns.lock(c, e.shipmentId());
            Optional<ReturnView> ret = ReturnViews.find(c, returnId);
            if (ret.isEmpty()) {
                // Not a return of ours: another installation sharing the broker.
                LOG.debugf("Ignoring a return label answer for unknown return %s", returnId);
                return null;
            }
            if (!ret.get().tenantId().equals(e.tenantId()) || !ret.get().shipmentId().equals(e.shipmentId())) {
                throw new PoisonMessage("return " + returnId + " is not of shipment " + e.shipmentId() + " of tenant "
                        + e.tenantId(), null);
            }
            try {
                commands.handle(c, returnId, command, EventMetadata.of(e.tenantId(), e.shipmentId(), received.id()));
            } catch (ReturnRuleViolated violation) {
                throw new PoisonMessage(violation.getMessage(), violation);
            }
            return null;
        });
    }

    private static void check(PublicEvents.Received<? extends PublicEvent> received, String carrier, String trackingNumber) {
        PublicEvent e = received.event();
        if (blank(e.shipmentId()) || blank(e.tenantId()) || blank(carrier) || blank(trackingNumber)) {
            throw new PoisonMessage("message " + received.id() + " lacks shipment, tenant, carrier or tracking number", null);
        }
        if (received.tenant() != null && !received.tenant().equals(e.tenantId())) {
            throw new PoisonMessage("message " + received.id() + " is for tenant " + e.tenantId()
                    + " but its CloudEvent says " + received.tenant(), null);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
