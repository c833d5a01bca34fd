package io.waybill.returns.fromorders;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.returns.returning.ShipmentReturns;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Learns what was shipped, so that returns can be checked against it and restocked into the right
 * warehouse ({@code waybill.returns.default-warehouse} when the sender has no name). Carrier reports
 * parked while the shipment was unknown are applied in the same transaction. Once per message
 * (inbox); unreadable or inconsistent messages go to {@code waybill.shipment-validated.dlq}.
 */
@ApplicationScoped
public class ShipmentValidatedConsumer {

    static final String CONSUMER = "returns-service";

    private final Inbox inbox;
    private final ShipmentReturns returns;
    private final String defaultWarehouse;

    public ShipmentValidatedConsumer(Inbox inbox, ShipmentReturns returns,
            @ConfigProperty(name = "waybill.returns.default-warehouse", defaultValue = "main") String defaultWarehouse) {
        this.inbox = inbox;
        this.returns = returns;
        this.defaultWarehouse = defaultWarehouse;
    }

    @Incoming("shipment-validated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentValidated(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, ShipmentValidated.class);
        ShipmentValidated e = received.event();
        if (blank(e.shipmentId()) || blank(e.tenantId())) {
            throw new PoisonMessage("shipment-validated " + received.id() + " names no shipment or tenant", null);
        }
        if (received.tenant() != null && !received.tenant().equals(e.tenantId())) {
            throw new PoisonMessage("shipment-validated " + received.id() + " is for tenant " + e.tenantId()
                    + " but its CloudEvent says " + received.tenant(), null);
        }
        ShippedShipment shipped = ShippedShipments.of(e, defaultWarehouse);
        inbox.processOnce(CONSUMER, received.id(), c -> {
            ShipmentReturns.lock(c, shipped.shipmentId());
            if (ShippedShipments.save(c, shipped)) {
                returns.applyParked(c, shipped.shipmentId());
            }
            return null;
        });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
