package io.waybill.fulfillment.handingover;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.fulfillment.ordering.FulfillmentOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.Cancel;
import io.waybill.fulfillment.ordering.FulfillmentOrders;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The merchant cancelled a shipment (ADR 0094). This only records it, once per message (inbox) and once per
 * order (the decider): an order not sent yet is dropped from the queue; one the partner has gets its
 * cancellation queued, and {@link OrderDispatcher} tells the partner (retrying while it is down, like a
 * send), so a partner that is down never blocks the partition nor loses the cancellation. A shipped order
 * stays shipped and records that the cancellation came too late.
 */
@ApplicationScoped
public class ShipmentCancelledConsumer {

    private static final Logger LOG = Logger.getLogger(ShipmentCancelledConsumer.class);

    private final Inbox inbox;
    private final FulfillmentOrders orders;

    public ShipmentCancelledConsumer(Inbox inbox, FulfillmentOrders orders) {
        this.inbox = inbox;
        this.orders = orders;
    }

    @Incoming("shipment-cancelled")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentCancelled(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, ShipmentCancelled.class);
        ShipmentCancelled cancelled = received.event();
        MDC.put(OrderDispatcher.SHIPMENT_ID, String.valueOf(cancelled.shipmentId()));
        try {
            inbox.processOnce(ShipmentValidatedConsumer.CONSUMER, received.id(), c -> {
                FulfillmentOrder order = orders.load(c, cancelled.shipmentId());
                if (order.status() == Status.NONE || !order.tenantId().equals(cancelled.tenantId())) {
                    return null; // a carrier shipment (label-service's business), or not this tenant's order
                }
                LOG.infof("Shipment %s was cancelled by the merchant; its fulfillment order is %s", cancelled.shipmentId(),
                        order.status());
                orders.handle(c, order.shipmentId(), order.tenantId(), new Cancel(cancelled.reason(),
                        OffsetDateTime.now(ZoneOffset.UTC)), received.id(), Duration.ZERO);
                return null;
            });
        } finally {
            MDC.remove(OrderDispatcher.SHIPMENT_ID);
        }
    }
}
