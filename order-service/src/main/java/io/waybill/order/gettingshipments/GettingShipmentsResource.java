package io.waybill.order.gettingshipments;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.Transactions;
import io.waybill.order.platform.Caller;
import io.waybill.order.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The ERP's view of its shipments. Another tenant's shipment is indistinguishable from a missing one (404). */
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"erp", "admin"})
public class GettingShipmentsResource {

    private final AgroalDataSource dataSource;
    private final Caller caller;

    public GettingShipmentsResource(AgroalDataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        return Transactions.inTransaction(dataSource, c -> ShipmentViews.find(c, id))
                .filter(view -> caller.maySee(view.tenantId()))
                .map(view -> Response.ok(view).tag(String.valueOf(view.version())).build())
                .orElseGet(() -> Problem.response(404, "not-found", "Not found", "No such shipment", null));
    }

    @GET
    public List<ShipmentView> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) {
        String tenant = caller.isAdmin() ? null : caller.tenant();
        int bounded = Math.max(1, Math.min(limit, 500));
        return Transactions.inTransaction(dataSource, c -> ShipmentViews.list(c, tenant, status, bounded));
    }
}
