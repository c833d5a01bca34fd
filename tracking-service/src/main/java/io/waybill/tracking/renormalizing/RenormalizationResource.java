package io.waybill.tracking.renormalizing;

import io.waybill.tracking.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** Admin operation: re-normalize one tracking, or all, with the current mapping tables ({@link Renormalization}). */
@Path("/api/v1/admin/trackings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class RenormalizationResource {

    private final Renormalization renormalization;

    public RenormalizationResource(Renormalization renormalization) {
        this.renormalization = renormalization;
    }

    @POST
    @Path("renormalize")
    public Response all() {
        return Response.ok(renormalization.all()).build();
    }

    @POST
    @Path("{carrier}/{trackingNumber}/renormalize")
    public Response one(@PathParam("carrier") String carrier, @PathParam("trackingNumber") String trackingNumber) {
        return renormalization.one(carrier.toLowerCase(Locale.ROOT), trackingNumber.toUpperCase(Locale.ROOT))
                .map(result -> Response.ok(result).build())
                .orElseGet(() -> Problem.response(404, "not-found", "Not found", "No such tracking", null));
    }
}
