package io.waybill.label.publishing;

import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.OutboundMapper;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.StoredEvent;
import io.waybill.label.labelling.LabelEvent.LabelCancelledBeforePurchase;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseRequested;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseUnconfirmed;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import io.waybill.label.labelling.LabelEvent.LabelVoidFailed;
import io.waybill.label.labelling.LabelEvent.LabelVoided;
import io.waybill.label.labelling.LabelEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Label events become LabelGenerated / LabelFailed for everyone downstream. */
@ApplicationScoped
public class LabelPublication implements OutboundMapper {

    @Override
    public Optional<OutboundEvent> map(StoredEvent stored) {
        return switch (LabelEvents.CODEC.decode(stored)) {
            case LabelPurchased p -> Optional.of(PublicEvents.outbound(new LabelGenerated(p.shipmentId(), p.tenantId(),
                    p.carrier(), p.service(), p.trackingNumber(), p.parcels(), p.formats(), p.fiscalDocument(),
                    p.purchasedAt(), p.labelId(), p.cost(), p.returnId())));
            // Not retryable by sending the shipment again: an operator has to reconcile with the carrier first.
            case LabelPurchaseUnconfirmed u -> Optional.of(PublicEvents.outbound(new LabelFailed(u.shipmentId(),
                    u.tenantId(), u.carrier(), u.reasonCode(), u.reason(), false, u.at(), u.returnId())));
            // The intent is private: downstream hears of the outcome.
            case LabelPurchaseRequested r -> Optional.empty();
            case LabelPurchaseFailed f -> Optional.of(PublicEvents.outbound(new LabelFailed(f.shipmentId(), f.tenantId(),
                    f.carrier(), f.reasonCode(), f.reason(), f.retryable(), f.failedAt(), f.returnId())));
            // Voids and cancellations stay private for now: the contract has no label-voided event yet
            // (ShipmentCancelled itself already tells downstream that the shipment is off).
            case LabelVoided v -> Optional.empty();
            case LabelVoidFailed f -> Optional.empty();
            case LabelCancelledBeforePurchase c -> Optional.empty();
        };
    }
}
