package io.waybill.fulfillment.handingover;

import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.Transactions;
import io.waybill.fulfillment.ordering.FulfillmentOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.Cancel;
import io.waybill.fulfillment.ordering.FulfillmentOrders;
import io.waybill.fulfillment.partners.spi.Exchange;
import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.PartnerException;
import io.waybill.fulfillment.partners.spi.PartnerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The merchant cancelled a shipment: an order not sent yet is simply dropped; a sent one is cancelled
 * with the partner first (a partner that is down makes the message retry; one that refuses, or offers
 * no cancellation, leaves the order as it is, recorded in its history). Shipped orders stay shipped.
 */
@ApplicationScoped
public class ShipmentCancelledConsumer {

    private static final Logger LOG = Logger.getLogger(ShipmentCancelledConsumer.class);

    private final AgroalDataSource dataSource;
    private final Inbox inbox;
    private final FulfillmentOrders orders;
    private final PartnerRegistry partners;

    public ShipmentCancelledConsumer(AgroalDataSource dataSource, Inbox inbox, FulfillmentOrders orders,
            PartnerRegistry partners) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.orders = orders;
        this.partners = partners;
    }

    @Incoming("shipment-cancelled")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentCancelled(ConsumerRecord<String, byte[]> record) throws PartnerException {
        var received = PublicEvents.read(record, ShipmentCancelled.class);
        ShipmentCancelled cancelled = received.event();
        FulfillmentOrder order = Transactions.inTransaction(dataSource, c -> orders.load(c, cancelled.shipmentId()));
        if (order.status() == Status.NONE || order.status().isFinal() || !order.tenantId().equals(cancelled.tenantId())) {
            return; // not a fulfillment order of this tenant, or already done
        }
        Exchange exchange = null;
        if (order.status() != Status.PENDING) {
            FulfillmentPartner partner = partners.find(order.tenantId(), order.partner()).orElse(null);
            if (partner == null) {
                return;
            }
            try {
                exchange = partner.cancelOrder(order.shipmentId(), order.partnerReference());
            } catch (PartnerException e) {
                if (e.retryable()) {
                    throw e; // the partner is down: the message is retried
                }
                LOG.warnf("Partner %s did not cancel order %s: %s", order.partner(), order.shipmentId(), e.getMessage());
                Exchange refused = Exchange.call("cancel order", "not cancelled: " + e.code() + ": " + e.getMessage());
                inbox.processOnce(ShipmentValidatedConsumer.CONSUMER, received.id(), c -> {
                    FulfillmentOrders.recordExchange(c, order.shipmentId(), order.tenantId(), order.partner(), "OUT", refused);
                    return null;
                });
                return;
            }
        }
        Exchange sent = exchange;
        inbox.processOnce(ShipmentValidatedConsumer.CONSUMER, received.id(), c -> {
            if (sent != null) {
                FulfillmentOrders.recordExchange(c, order.shipmentId(), order.tenantId(), order.partner(), "OUT", sent);
            }
            return orders.handle(c, order.shipmentId(), order.tenantId(),
                    new Cancel(cancelled.reason(), OffsetDateTime.now(ZoneOffset.UTC)), received.id(), Duration.ZERO);
        });
    }
}
