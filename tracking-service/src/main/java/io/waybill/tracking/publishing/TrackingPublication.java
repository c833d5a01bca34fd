package io.waybill.tracking.publishing;

import io.waybill.contracts.StatusChanged;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.OutboundMapper;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.StoredEvent;
import io.waybill.tracking.tracking.TrackingEvent;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRecorded;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRemapped;
import io.waybill.tracking.tracking.TrackingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * A carrier event that sets the current status becomes StatusChanged. Late events stay in the
 * timeline only: publishing them would move ERPs' status backwards.
 */
@ApplicationScoped
public class TrackingPublication implements OutboundMapper {

    @Override
    public Optional<OutboundEvent> map(StoredEvent stored) {
        TrackingEvent event = TrackingEvents.CODEC.decode(stored);
        String shipmentId = stored.metadata().attributes().get("shipmentId");
        String carrier = stored.metadata().attributes().get("carrier");
        if (event instanceof CarrierEventRemapped remapped && remapped.current()) {
            // a mapping fix moved the current status: ERPs hear of it like of any other move
            return Optional.of(PublicEvents.outbound(new StatusChanged(shipmentId, stored.metadata().tenantId(),
                    remapped.trackingNumber(), carrier, remapped.normalized().status(), remapped.previousStatus(),
                    remapped.carrierCode(), remapped.description(), remapped.location(), remapped.source(), false,
                    remapped.occurredAt(), remapped.recordedAt(), null, stored.metadata().attributes().get("returnId"),
                    remapped.normalized().subStatus())));
        }
        if (!(event instanceof CarrierEventRecorded recorded) || !recorded.current()) {
            return Optional.empty();
        }
        return Optional.of(PublicEvents.outbound(new StatusChanged(shipmentId, stored.metadata().tenantId(),
                recorded.trackingNumber(), carrier, recorded.normalized().status(), recorded.previousStatus(),
                recorded.carrierCode(), recorded.description(), recorded.location(), recorded.source(), recorded.regression(),
                recorded.occurredAt(), recorded.recordedAt(), recorded.estimatedDelivery(),
                stored.metadata().attributes().get("returnId"), recorded.normalized().subStatus())));
    }
}
