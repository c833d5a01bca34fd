package io.waybill.tracking.webhooks;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.platform.Problem;
import io.waybill.tracking.webhooks.WebhookInbox.State;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * Operators' view of stored webhooks (role admin: webhooks come from carriers, not from one tenant):
 * list by state (DEAD and MALFORMED ones with their reason and raw body), one by id, and replay of a DEAD one.
 */
@Path("/api/v1/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WebhookAdminResource {

    private final AgroalDataSource dataSource;
    private final WebhookInbox inbox;
    private final WebhookWorker worker;

    public WebhookAdminResource(AgroalDataSource dataSource, WebhookInbox inbox, WebhookWorker worker) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.worker = worker;
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("limit") @DefaultValue("50") int limit) {
        State wanted;
        try {
            wanted = state == null || state.isBlank() ? null : State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Problem.response(400, "malformed-request", "Malformed request", "Unknown state " + state,
                    List.of(new Problem.Violation("state", "one of RECEIVED, PROCESSED, MALFORMED, DEAD")));
        }
        if (limit < 1 || limit > 500) {
            return Problem.response(400, "malformed-request", "Malformed request", "limit must be 1 to 500",
                    List.of(new Problem.Violation("limit", "must be 1 to 500")));
        }
        return Response.ok(Transactions.inTransaction(dataSource, c -> inbox.list(c, wanted, limit))).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") long id) {
        return Transactions.inTransaction(dataSource, c -> inbox.find(c, id))
                .map(w -> Response.ok(w).build())
                .orElseGet(() -> Problem.response(404, "not-found", "Not found", "No such webhook", null));
    }

    @POST
    @Path("{id}/replay")
    public Response replay(@PathParam("id") long id) {
        Boolean replayed = Transactions.inTransaction(dataSource, c -> inbox.find(c, id).isEmpty() ? null : inbox.replay(c, id));
        if (replayed == null) {
            return Problem.response(404, "not-found", "Not found", "No such webhook", null);
        }
        if (!replayed) {
            return Problem.response(409, "not-dead", "Not replayable", "Only a DEAD webhook can be replayed", null);
        }
        worker.wake();
        return Response.accepted().build();
    }
}
