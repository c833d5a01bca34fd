package io.waybill.order.shipment;

import io.waybill.eventstore.Decision;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.order.gettingshipments.ShipmentView;
import io.waybill.order.gettingshipments.ShipmentViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

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

    /**
     * Accepts a shipment under a new id: nothing to load (the stream cannot exist yet; if it did, the
     * append's primary key would refuse it), so intake costs three statements: event, view, and the
     * caller's idempotency key. Returns the shipment's view as stored.
     */
    public ShipmentView accept(Connection c, ShipmentCommand.AcceptShipment command, EventMetadata metadata)
            throws SQLException {
        List<ShipmentEvent> events = ShipmentDecider.decide(command, Shipment.NONE);
        long version = store.append(c, ShipmentEvents.streamId(command.shipmentId()), ShipmentEvents.STREAM_TYPE,
                EventStore.NO_STREAM, events, ShipmentEvents.CODEC, metadata);
        Shipment state = Shipment.NONE;
        for (ShipmentEvent event : events) {
            state = ShipmentDecider.evolve(state, event);
        }
        return ShipmentViews.save(c, state, version);
    }

    public Shipment load(Connection c, String shipmentId) throws SQLException {
        return store.fold(c, ShipmentEvents.streamId(shipmentId), ShipmentEvents.CODEC, Shipment.NONE,
                ShipmentDecider::evolve).state();
    }
}
