package io.waybill.order.publishing;

import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.OutboundMapper;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.StoredEvent;
import io.waybill.order.shipment.ShipmentEvent;
import io.waybill.order.shipment.ShipmentEvent.ShipmentAccepted;
import io.waybill.order.shipment.ShipmentEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Which of the Shipment's private events become public integration events, and as what. */
@ApplicationScoped
public class ShipmentPublication implements OutboundMapper {

    @Override
    public Optional<OutboundEvent> map(StoredEvent stored) {
        ShipmentEvent event = ShipmentEvents.CODEC.decode(stored);
        return switch (event) {
            case ShipmentAccepted accepted -> Optional.of(PublicEvents.outbound(new ShipmentValidated(accepted.shipmentId(),
                    accepted.tenantId(), accepted.details().orderReference(), accepted.details().sender(),
                    accepted.details().recipient(), accepted.details().parcels(), accepted.details().carrier(),
                    accepted.details().service(), accepted.details().selectionRule(), accepted.details().labelFormat(),
                    accepted.details().fiscalDocument(), accepted.acceptedAt(), accepted.details().fulfillment())));
            case ShipmentEvent.ShipmentCancelled cancelled -> Optional.of(PublicEvents.outbound(
                    new io.waybill.contracts.ShipmentCancelled(cancelled.shipmentId(), cancelled.tenantId(),
                            cancelled.orderReference(), cancelled.reason(), cancelled.cancelledAt())));
            // Label and tracking updates came from other services' public events; they are not republished.
            default -> Optional.empty();
        };
    }
}
