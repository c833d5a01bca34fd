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
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.tracking.carriers.Carriers;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;
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
    private final Carriers carriers;
    private final Map<String, String> secrets;

    public WebhookResource(AgroalDataSource dataSource, CarrierEventIntake intake, Carriers carriers,
            @ConfigProperty(name = "waybill.webhooks.sandbox.secret") String sandboxSecret) {
        this.dataSource = dataSource;
        this.intake = intake;
        this.carriers = carriers;
        this.secrets = Map.of("sandbox", sandboxSecret);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("carrier") String carrier, @HeaderParam(WebhookSignature.HEADER) String signature,
            @Context HttpHeaders headers, byte[] bytes) {
        byte[] raw = bytes == null ? new byte[0] : bytes;
        String body = new String(raw, StandardCharsets.UTF_8);
        String secret = secrets.get(carrier);
        if (secret == null) {
            return throughPlugin(carrier, headers, raw, body);
        }
        String problem = WebhookSignature.problem(secret, signature, body, Instant.now());
        if (problem != null) {
            LOG.warnf("Refused %s webhook: %s", carrier, problem);
            return Problem.response(401, "bad-signature", "Signature not accepted", problem, null);
        }
        CarrierEventIntake.Outcome outcome = Transactions.inTransaction(dataSource, c -> intake.receive(c, carrier, body));
        if (outcome == CarrierEventIntake.Outcome.MALFORMED) {
            return malformed(carrier);
        }
        return Response.accepted(Map.of("outcome", outcome.name())).type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * Carriers other than the sandbox: their plug-in checks the signature and reads the body. A plug-in
     * refusing for the signature (codes ending in _SIGNATURE or _UNSIGNED) is a 401; a carrier that does
     * not push (_UNSUPPORTED) a 404; any other refusal is a malformed body, stored, then 400.
     */
    private Response throughPlugin(String carrier, HttpHeaders headers, byte[] raw, String body) {
        Optional<CarrierAdapter> adapter = carriers.find(carrier);
        if (adapter.isEmpty()) {
            return Problem.response(404, "not-found", "Not found", "No webhook endpoint for carrier " + carrier, null);
        }
        String code = adapter.get().code();
        Map<String, String> flat = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                flat.put(name, values.get(0));
            }
        });
        List<TrackingUpdate> updates;
        try {
            updates = adapter.get().parseWebhook(raw, flat);
        } catch (CarrierException e) {
            if (e.code() != null && e.code().endsWith("_UNSUPPORTED")) {
                return Problem.response(404, "not-found", "Not found", "Carrier " + code + " does not push webhooks", null);
            }
            if (e.code() != null && (e.code().endsWith("_SIGNATURE") || e.code().endsWith("_UNSIGNED"))) {
                LOG.warnf("Refused %s webhook: %s", code, e.getMessage());
                return Problem.response(401, "bad-signature", "Signature not accepted", e.getMessage(), null);
            }
            Transactions.inTransaction(dataSource, c -> {
                intake.storeMalformed(c, code, e.code() + ": " + e.getMessage(), body);
                return null;
            });
            return malformed(code);
        }
        CarrierEventIntake.Outcome outcome = Transactions.inTransaction(dataSource,
                c -> intake.receiveUpdates(c, code, body, updates));
        return Response.accepted(Map.of("outcome", outcome.name(), "events", updates.size()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private static Response malformed(String carrier) {
        return Problem.response(400, "malformed-webhook", "Malformed webhook", "The body was stored for inspection",
                List.of(new Problem.Violation("$", "does not match the " + carrier + " webhook format")));
    }
}
