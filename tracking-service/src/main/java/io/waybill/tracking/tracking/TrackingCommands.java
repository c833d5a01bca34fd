package io.waybill.tracking.tracking;

import io.waybill.eventstore.Decision;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.tracking.tracking.TrackingDecider.TrackingCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The shell around {@link TrackingDecider}: fold, decide, append, update the {@code trackings} projection. */
@ApplicationScoped
public class TrackingCommands {

    private final EventStore store;

    public TrackingCommands(EventStore store) {
        this.store = store;
    }

    public Decision<Tracking, TrackingEvent> handle(Connection c, String carrier, String trackingNumber, TrackingCommand command,
            EventMetadata metadata) throws SQLException {
        Decision<Tracking, TrackingEvent> decision = store.handle(c, TrackingEvents.streamId(carrier, trackingNumber),
                TrackingEvents.STREAM_TYPE, TrackingEvents.CODEC, Tracking.NONE, TrackingDecider::evolve,
                state -> TrackingDecider.decide(command, state), metadata);
        if (!decision.events().isEmpty()) {
            save(c, carrier, decision.state(), decision.version());
        }
        return decision;
    }

    public Tracking load(Connection c, String carrier, String trackingNumber) throws SQLException {
        return store.fold(c, TrackingEvents.streamId(carrier, trackingNumber), TrackingEvents.CODEC, Tracking.NONE,
                TrackingDecider::evolve).state();
    }

    private static void save(Connection c, String carrier, Tracking t, long version) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO trackings (carrier, tracking_number, shipment_id, tenant_id, status, status_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (carrier, tracking_number) DO UPDATE
                   SET status = excluded.status, status_at = excluded.status_at, version = excluded.version
                """)) {
            upsert.setString(1, carrier);
            upsert.setString(2, t.trackingNumber());
            upsert.setString(3, t.shipmentId());
            upsert.setString(4, t.tenantId());
            upsert.setString(5, t.status() == null ? null : t.status().name());
            upsert.setObject(6, t.statusAt());
            upsert.setLong(7, version);
            upsert.executeUpdate();
        }
    }
}
