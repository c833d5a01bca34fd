package io.waybill.fulfillment.handingover;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ReceiveOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSendFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrders;
import io.waybill.fulfillment.partners.spi.PartnerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes the shipments a fulfillment partner ships ({@code fulfillment} set) into the send queue, once
 * per message (inbox) and once per shipment (the order's stream). Sending is the
 * {@link OrderDispatcher}'s job, so a partner that is down never blocks the partition.
 */
@ApplicationScoped
public class ShipmentValidatedConsumer {

    static final String CONSUMER = "fulfillment-service";

    private final Inbox inbox;
    private final FulfillmentOrders orders;
    private final PartnerRegistry partners;

    public ShipmentValidatedConsumer(Inbox inbox, FulfillmentOrders orders, PartnerRegistry partners) {
        this.inbox = inbox;
        this.orders = orders;
        this.partners = partners;
    }

    @Incoming("shipment-validated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentValidated(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, ShipmentValidated.class);
        ShipmentValidated shipment = received.event();
        if (shipment.fulfillment() == null) {
            return; // a carrier label: label-service's business
        }
        if (blank(shipment.shipmentId()) || blank(shipment.tenantId()) || blank(shipment.fulfillment().partner())) {
            throw new PoisonMessage("shipment-validated " + received.id() + " names no shipment, tenant or partner", null);
        }
        if (received.tenant() != null && !received.tenant().equals(shipment.tenantId())) {
            throw new PoisonMessage("shipment-validated " + received.id() + " is for tenant " + shipment.tenantId()
                    + " but its CloudEvent says " + received.tenant(), null);
        }
        String partner = shipment.fulfillment().partner();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        inbox.processOnce(CONSUMER, received.id(), c -> {
            var decision = orders.handle(c, shipment.shipmentId(), shipment.tenantId(),
                    new ReceiveOrder(shipment.tenantId(), partner, PartnerOrders.of(shipment), now), received.id(), Duration.ZERO);
            if (!decision.events().isEmpty() && partners.find(shipment.tenantId(), partner).isEmpty()) {
                orders.handle(c, shipment.shipmentId(), shipment.tenantId(), new RecordSendFailure("PARTNER_NOT_CONFIGURED",
                        "Tenant " + shipment.tenantId() + " has no account with fulfillment partner " + partner, false, now),
                        received.id(), Duration.ZERO);
            }
            return null;
        });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
