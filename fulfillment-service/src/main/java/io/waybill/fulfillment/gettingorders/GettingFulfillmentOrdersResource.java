package io.waybill.fulfillment.gettingorders;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.Transactions;
import io.waybill.fulfillment.gettingorders.FulfillmentOrderView.ExchangeEntry;
import io.waybill.fulfillment.gettingorders.FulfillmentOrderView.HistoryEntry;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvents;
import io.waybill.fulfillment.platform.Caller;
import io.waybill.fulfillment.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/v1/fulfillment-orders/{shipmentId}}: the tenant's own orders only; any other id is 404. */
@Path("/api/v1/fulfillment-orders")
@Produces(MediaType.APPLICATION_JSON)
public class GettingFulfillmentOrdersResource {

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final Caller caller;

    public GettingFulfillmentOrdersResource(AgroalDataSource dataSource, EventStore store, Caller caller) {
        this.dataSource = dataSource;
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Path("/{shipmentId}")
    @RolesAllowed({"erp", "admin"})
    @Operation(summary = "A shipment's fulfillment order: partner, state, history and every call or file exchanged")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = FulfillmentOrderView.class)))
    @APIResponse(responseCode = "404", description = "No such order for the caller's tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("shipmentId") String shipmentId) {
        Optional<FulfillmentOrderView> view = Transactions.inTransaction(dataSource, c -> find(c, shipmentId));
        return view.filter(v -> caller.maySee(v.tenantId())).map(v -> Response.ok(v).tag(String.valueOf(v.version())).build())
                .orElseGet(() -> Problem.response(404, "not-found", "Not found", "No such fulfillment order", null));
    }

    private Optional<FulfillmentOrderView> find(Connection c, String shipmentId) throws Exception {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT tenant_id, partner, warehouse, order_reference, status, partner_reference, tracking_number, attempts,
                       next_attempt_at, last_error, version, cancellation, cancel_attempts
                  FROM fulfillment_orders WHERE shipment_id = ?
                """)) {
            select.setString(1, shipmentId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<HistoryEntry> history = store.load(c, FulfillmentOrderEvents.streamId(shipmentId)).stream()
                        .map(e -> new HistoryEntry(e.version(), e.eventType(), e.recordedAt())).toList();
                return Optional.of(new FulfillmentOrderView(shipmentId, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        rs.getObject(9, OffsetDateTime.class), rs.getString(10), rs.getString(12), rs.getInt(13), rs.getLong(11), history, exchanges(c, shipmentId)));
            }
        }
    }

    private static List<ExchangeEntry> exchanges(Connection c, String shipmentId) throws Exception {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT direction, kind, name, outcome, at FROM fulfillment_exchanges WHERE shipment_id = ? ORDER BY id")) {
            select.setString(1, shipmentId);
            List<ExchangeEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new ExchangeEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class)));
                }
            }
            return entries;
        }
    }
}
