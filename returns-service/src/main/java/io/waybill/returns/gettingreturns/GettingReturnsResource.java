package io.waybill.returns.gettingreturns;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.Transactions;
import io.waybill.returns.platform.Caller;
import io.waybill.returns.platform.Problem;
import io.waybill.returns.returning.Return.ReturnStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The ERP's view of its returns. Another tenant's return is indistinguishable from a missing one (404). */
@Path("/api/v1/returns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"erp", "admin"})
public class GettingReturnsResource {

    private static final List<String> STATUSES = Arrays.stream(ReturnStatus.values())
            .filter(s -> s != ReturnStatus.NONE).map(Enum::name).toList();

    private final AgroalDataSource dataSource;
    private final Caller caller;

    public GettingReturnsResource(AgroalDataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The return",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    @APIResponse(responseCode = "404", description = "No such return (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id) {
        return Transactions.inTransaction(dataSource, c -> ReturnViews.find(c, id))
                .filter(view -> caller.maySee(view.tenantId()))
                .map(view -> Response.ok(view).tag(String.valueOf(view.version())).build())
                .orElseGet(() -> Problem.response(404, "not-found", "Not found", "No such return", null));
    }

    /** The caller's tenant's returns, newest first (an admin sees every tenant's). */
    @GET
    @APIResponse(responseCode = "200", description = "The caller's returns", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Unknown status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            return Problem.response(400, "malformed-request", "Malformed request", "Unknown return status",
                    List.of(new Problem.Violation("status", "must be one of " + String.join(", ", STATUSES))));
        }
        String tenant = caller.isAdmin() ? null : caller.tenant();
        int bounded = Math.max(1, Math.min(limit, 500));
        List<ReturnView> views = Transactions.inTransaction(dataSource, c -> ReturnViews.list(c, tenant, status, bounded));
        return Response.ok(views).build();
    }
}
