package io.waybill.order.rebuildingviews;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.StreamState;
import io.waybill.eventstore.Transactions;
import io.waybill.order.gettingshipments.ShipmentViews;
import io.waybill.order.shipment.Shipment;
import io.waybill.order.shipment.ShipmentDecider;
import io.waybill.order.shipment.ShipmentEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Rebuilds {@code shipment_view} from the event log (after a projection fix, or to prove it is
 * derived data). One transaction: readers see the old view until the new one is complete.
 */
@Path("/api/v1/admin/projections/shipment-view/rebuild")
@RolesAllowed("admin")
public class ShipmentViewRebuild {

    private final AgroalDataSource dataSource;
    private final EventStore store;

    public ShipmentViewRebuild(AgroalDataSource dataSource, EventStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rebuild the shipment view from the event log (admin)")
    public Map<String, Integer> rebuild() {
        int rebuilt = Transactions.inTransaction(dataSource, c -> {
            try (Statement s = c.createStatement()) {
                // Writers wait until the rebuild commits, so no update falls between delete and refill.
                s.execute("LOCK TABLE shipment_view IN EXCLUSIVE MODE");
                s.execute("DELETE FROM shipment_view");
            }
            List<String> streams = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT DISTINCT stream_id FROM es_events WHERE stream_type = ? ORDER BY stream_id")) {
                select.setString(1, ShipmentEvents.STREAM_TYPE);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        streams.add(rs.getString(1));
                    }
                }
            }
            for (String stream : streams) {
                StreamState<Shipment> folded = store.fold(c, stream, ShipmentEvents.CODEC, Shipment.NONE, ShipmentDecider::evolve);
                ShipmentViews.save(c, folded.state(), folded.version());
            }
            return streams.size();
        });
        return Map.of("rebuilt", rebuilt);
    }
}
