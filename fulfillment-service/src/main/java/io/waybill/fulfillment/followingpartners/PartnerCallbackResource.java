package io.waybill.fulfillment.followingpartners;

import io.waybill.fulfillment.followingpartners.PartnerReports.UnusableReport;
import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.PartnerException;
import io.waybill.fulfillment.partners.spi.PartnerRegistry;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import io.waybill.fulfillment.platform.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Partner callbacks (webhooks): {@code POST /webhooks/fulfillment/{partner}/{tenant}}. No bearer token:
 * the partner plug-in checks the partner's own credential (e.g. a shared token header). Answers 200 once
 * recorded (also for a duplicate), 401 for a bad credential, 400/422 with a problem document otherwise,
 * 404 for a tenant without that partner.
 */
@Path("/webhooks/fulfillment/{partner}/{tenant}")
@PermitAll
public class PartnerCallbackResource {

    private final PartnerRegistry partners;
    private final PartnerReports reports;

    public PartnerCallbackResource(PartnerRegistry partners, PartnerReports reports) {
        this.partners = partners;
        this.reports = reports;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a fulfillment partner's status callback")
    public Response callback(@PathParam("partner") String code, @PathParam("tenant") String tenant, byte[] body,
            @Context HttpHeaders headers) {
        Optional<FulfillmentPartner> partner = partners.find(tenant, code);
        if (partner.isEmpty()) {
            return Problem.response(404, "not-found", "Not found", "No such fulfillment partner for this tenant", null);
        }
        Map<String, String> flat = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> flat.put(name, values.isEmpty() ? "" : values.get(0)));
        List<PartnerUpdate> updates;
        try {
            updates = partner.get().parseCallback(body == null ? new byte[0] : body, flat);
        } catch (PartnerException e) {
            if (e.code().endsWith("_UNAUTHORIZED")) {
                return Problem.response(401, "unauthorized", "Unauthorized", e.getMessage(), null);
            }
            reports.recordRejected(tenant, code, "callback", e.getMessage());
            return Problem.response(400, "malformed-callback", "Malformed callback", e.getMessage(),
                    List.of(new Problem.Violation("$", e.getMessage())));
        }
        try {
            List<String> outcomes = reports.apply(tenant, code, "callback", updates);
            return Response.ok(Map.of("applied", outcomes)).build();
        } catch (UnusableReport e) {
            reports.recordRejected(tenant, code, "callback", e.getMessage());
            return Problem.response(422, "unusable-callback", "The callback cannot be applied", e.getMessage(),
                    List.of(new Problem.Violation("$", e.getMessage())));
        }
    }
}
