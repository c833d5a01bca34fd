package io.waybill.returns.publishing;

import io.waybill.contracts.ReturnRegistered;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.OutboundMapper;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.StoredEvent;
import io.waybill.returns.returning.ReturnEvent;
import io.waybill.returns.returning.ReturnEvent.ReturnOpened;
import io.waybill.returns.returning.ReturnEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Which of the Return's private events become public integration events, and as what. */
@ApplicationScoped
public class ReturnPublication implements OutboundMapper {

    @Override
    public Optional<OutboundEvent> map(StoredEvent stored) {
        ReturnEvent event = ReturnEvents.CODEC.decode(stored);
        return switch (event) {
            case ReturnOpened opened -> {
                if (opened.items().isEmpty()) {
                    // ReturnRegistered v1 requires at least one item (schemas/return-registered.v1.json:
                    // "items" is required with minItems 1). A return opened from a RETURNING/RETURNED
                    // status has none, so it stays private: publishing it would break the contract.
                    // It becomes public once the API/ERP registers its items (a later issue).
                    yield Optional.empty();
                }
                yield Optional.of(PublicEvents.outbound(new ReturnRegistered(opened.returnId(), opened.shipmentId(),
                        opened.tenantId(), opened.source().name(), opened.reason(), opened.items(),
                        opened.returnTrackingNumber(), opened.openedAt())));
            }
        };
    }
}
