package io.waybill.order.shipment;

import io.waybill.eventstore.Decision;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.order.gettingshipments.ShipmentViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The shell around {@link ShipmentDecider}: fold the stream, decide, append at the read version and
 * update the view, all in the caller's transaction.
 */
@ApplicationScoped
public class ShipmentCommands {

    private final EventStore store;

    public ShipmentCommands(EventStore store) {
        this.store = store;
    }

    public Decision<Shipment, ShipmentEvent> handle(Connection c, String shipmentId, ShipmentCommand command,
            EventMetadata metadata) throws SQLException {
        Decision<Shipment, ShipmentEvent> decision = store.handle(c, ShipmentEvents.streamId(shipmentId),
                ShipmentEvents.STREAM_TYPE, ShipmentEvents.CODEC, Shipment.NONE, ShipmentDecider::evolve,
                state -> ShipmentDecider.decide(command, state), metadata);
        if (!decision.events().isEmpty()) {
            ShipmentViews.save(c, decision.state(), decision.version());
        }
        return decision;
    }

    public Shipment load(Connection c, String shipmentId) throws SQLException {
        return store.fold(c, ShipmentEvents.streamId(shipmentId), ShipmentEvents.CODEC, Shipment.NONE,
                ShipmentDecider::evolve).state();
    }
}
