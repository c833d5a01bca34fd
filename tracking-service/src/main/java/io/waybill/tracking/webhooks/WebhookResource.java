package io.waybill.tracking.webhooks;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.platform.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Carrier webhooks. Authenticated by the carrier's HMAC signature (not a token: carriers sign, they
 * do not log in). 202 once the body is durably stored — a malformed body is stored too, then 400.
 */
@Path("/webhooks/{carrier}")
@PermitAll
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final AgroalDataSource dataSource;
    private final CarrierEventIntake intake;
    private final Map<String, String> secrets;

    public WebhookResource(AgroalDataSource dataSource, CarrierEventIntake intake,
            @ConfigProperty(name = "waybill.webhooks.sandbox.secret") String sandboxSecret) {
        this.dataSource = dataSource;
        this.intake = intake;
        this.secrets = Map.of("sandbox", sandboxSecret);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("carrier") String carrier, @HeaderParam(WebhookSignature.HEADER) String signature,
            String body) {
        String secret = secrets.get(carrier);
        if (secret == null) {
            return Problem.response(404, "not-found", "Not found", "No webhook endpoint for carrier " + carrier, null);
        }
        String problem = WebhookSignature.problem(secret, signature, body == null ? "" : body, Instant.now());
        if (problem != null) {
            LOG.warnf("Refused %s webhook: %s", carrier, problem);
            return Problem.response(401, "bad-signature", "Signature not accepted", problem, null);
        }
        CarrierEventIntake.Outcome outcome = Transactions.inTransaction(dataSource, c -> intake.receive(c, carrier, body));
        if (outcome == CarrierEventIntake.Outcome.MALFORMED) {
            return Problem.response(400, "malformed-webhook", "Malformed webhook", "The body was stored for inspection",
                    List.of(new Problem.Violation("$", "does not match the " + carrier + " webhook format")));
        }
        return Response.accepted(Map.of("outcome", outcome.name())).type(MediaType.APPLICATION_JSON).build();
    }
}
