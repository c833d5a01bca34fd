package io.waybill.returns.publishing;

import io.waybill.contracts.ReturnLabelRequested;
import io.waybill.contracts.ReturnRegistered;
import io.waybill.contracts.StockAdjusted;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.OutboundMapper;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.StoredEvent;
import io.waybill.returns.returning.ReturnEvent;
import io.waybill.returns.returning.ReturnEvent.ReturnClosed;
import io.waybill.returns.returning.ReturnEvent.ReturnInTransit;
import io.waybill.returns.returning.ReturnEvent.ReturnInspected;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelFailed;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelIssued;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelOrdered;
import io.waybill.returns.returning.ReturnEvent.ReturnOpened;
import io.waybill.returns.returning.ReturnEvent.ReturnReceived;
import io.waybill.returns.returning.ReturnEvent.StockRestocked;
import io.waybill.returns.returning.ReturnEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Which of the Return's private events become public integration events, and as what: ReturnOpened
 * → ReturnRegistered, StockRestocked → StockAdjusted (one per SKU and warehouse), ReturnLabelOrdered →
 * ReturnLabelRequested (for label-service). The relay sends
 * each stored event once; its CloudEvent id is the stored event's id, and StockAdjusted carries the
 * stable adjustmentId the decider chose, so a re-send after a crash is recognisable downstream.
 */
@ApplicationScoped
public class ReturnPublication implements OutboundMapper {

    @Override
    public Optional<OutboundEvent> map(StoredEvent stored) {
        ReturnEvent event = ReturnEvents.CODEC.decode(stored);
        return switch (event) {
            case ReturnOpened opened -> {
                if (opened.items().isEmpty()) {
                    // ReturnRegistered v1 requires at least one item (schemas/return-registered.v1.json:
                    // "items" is required with minItems 1). Only a status for a shipment this service never
                    // saw validated opens a return without items: it stays private.
                    yield Optional.empty();
                }
                yield Optional.of(PublicEvents.outbound(new ReturnRegistered(opened.returnId(), opened.shipmentId(),
                        opened.tenantId(), opened.source().name(), opened.reason(), opened.items(),
                        opened.returnTrackingNumber(), opened.openedAt())));
            }
            case StockRestocked s -> Optional.of(PublicEvents.outbound(new StockAdjusted(s.adjustmentId(), s.tenantId(),
                    s.shipmentId(), s.returnId(), s.warehouseId(), s.sku(), s.quantity(), s.reason(), s.at())));
            case ReturnLabelOrdered o -> Optional.of(PublicEvents.outbound(new ReturnLabelRequested(o.returnId(),
                    o.shipmentId(), o.tenantId(), o.carrier(), o.service(), o.sender(), o.recipient(), o.parcels(),
                    o.labelFormat(), o.reference(), o.at())));
            case ReturnLabelIssued issued -> Optional.empty();
            case ReturnLabelFailed failed -> Optional.empty();
            case ReturnInTransit t -> Optional.empty();
            case ReturnReceived r -> Optional.empty();
            case ReturnInspected i -> Optional.empty();
            case ReturnClosed c -> Optional.empty();
        };
    }
}
