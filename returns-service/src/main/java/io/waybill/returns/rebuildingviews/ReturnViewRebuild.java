package io.waybill.returns.rebuildingviews;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.StreamState;
import io.waybill.eventstore.Transactions;
import io.waybill.returns.gettingreturns.ReturnViews;
import io.waybill.returns.returning.Return;
import io.waybill.returns.returning.ReturnDecider;
import io.waybill.returns.returning.ReturnEvents;
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
 * Rebuilds {@code return_view} from the event log (after a projection fix, or to prove it is derived
 * data). One transaction: readers see the old view until the new one is complete, and writers (which
 * update the view in their command's transaction) wait for it.
 */
@Path("/api/v1/admin/projections/return-view/rebuild")
@RolesAllowed("admin")
public class ReturnViewRebuild {

    private final AgroalDataSource dataSource;
    private final EventStore store;

    public ReturnViewRebuild(AgroalDataSource dataSource, EventStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rebuild the return view from the event log (admin)")
    public Map<String, Integer> rebuild() {
        int rebuilt = Transactions.inTransaction(dataSource, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE return_view IN EXCLUSIVE MODE");
                s.execute("DELETE FROM return_view");
            }
            List<String> streams = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT DISTINCT stream_id FROM es_events WHERE stream_type = ? ORDER BY stream_id")) {
                select.setString(1, ReturnEvents.STREAM_TYPE);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        streams.add(rs.getString(1));
                    }
                }
            }
            for (String stream : streams) {
                StreamState<Return> folded = store.fold(c, stream, ReturnEvents.CODEC, Return.NONE, ReturnDecider::evolve);
                ReturnViews.save(c, folded.state(), folded.version());
            }
            return streams.size();
        });
        return Map.of("rebuilt", rebuilt);
    }
}
