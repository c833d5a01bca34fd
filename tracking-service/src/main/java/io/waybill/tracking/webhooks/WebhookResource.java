package io.waybill.tracking.webhooks;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.carriers.Carriers;
import io.waybill.tracking.platform.Problem;
import io.waybill.tracking.webhooks.SandboxWebhook.MalformedWebhook;
import io.waybill.tracking.webhooks.aggregator.AggregatorWebhook;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Carrier webhooks in. Authenticated, in this order, by a carrier partner's OIDC bearer token (role
 * {@code carrier}, client listed in {@code waybill.webhooks.<carrier>.oidc-clients}), by Waybill's HMAC
 * signature scheme when {@code waybill.webhooks.<carrier>.secret} is set, or by the carrier plug-in's
 * own signature. The body is read (and normalized) at once, stored raw with its updates, and answered
 * 202; {@link WebhookWorker} applies it. A body that cannot be read is stored as MALFORMED and
 * answered 400. {@code aggregator} is the generic 17TRACK/AfterShip-style push ({@link AggregatorWebhook}).
 */
@Path("/webhooks/{carrier}")
@PermitAll
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final AgroalDataSource dataSource;
    private final WebhookInbox inbox;
    private final WebhookWorker worker;
    private final Carriers carriers;
    private final WebhooksConfig config;
    private final AggregatorWebhook aggregator;
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public WebhookResource(AgroalDataSource dataSource, WebhookInbox inbox, WebhookWorker worker, Carriers carriers,
            WebhooksConfig config, AggregatorWebhook aggregator, SecurityIdentity identity, JsonWebToken token) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.worker = worker;
        this.carriers = carriers;
        this.config = config;
        this.aggregator = aggregator;
        this.identity = identity;
        this.token = token;
    }

    /** Who sent the call, as recorded with it; {@code ours}: checked here (token or Waybill signature), not by the plug-in. */
    private record Sender(String method, boolean ours) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("carrier") String carrierPath, @Context HttpHeaders headers, byte[] bytes) {
        byte[] raw = bytes == null ? new byte[0] : bytes;
        String body = new String(raw, StandardCharsets.UTF_8);
        String carrier = carrierPath.toLowerCase(java.util.Locale.ROOT);
        boolean isAggregator = AggregatorWebhook.CARRIER.equals(carrier);
        Optional<CarrierAdapter> adapter = carriers.find(carrier);
        if (!isAggregator && adapter.isEmpty()) {
            return Problem.response(404, "not-found", "Not found", "No webhook endpoint for carrier " + carrier, null);
        }

        Sender sender;
        if (!identity.isAnonymous()) {
            String client = token.getClaim("azp") == null ? token.getSubject() : token.getClaim("azp").toString();
            if (!identity.hasRole("carrier") || !config.oidcClients(carrier).contains(client)) {
                LOG.warnf("Refused %s webhook: client %s may not push for this carrier", carrier, client);
                return Problem.response(403, "forbidden", "Forbidden", "This client may not push webhooks for " + carrier, null);
            }
            sender = new Sender("OIDC:" + client, true);
        } else if (config.secret(carrier).isPresent()) {
            String problem = WebhookSignature.problem(config.secret(carrier).get(),
                    headers.getHeaderString(WebhookSignature.HEADER), body, Instant.now());
            if (problem != null) {
                LOG.warnf("Refused %s webhook: %s", carrier, problem);
                return Problem.response(401, "bad-signature", "Signature not accepted", problem, null);
            }
            sender = new Sender("HMAC", true);
        } else if (isAggregator) {
            return Problem.response(401, "unauthenticated", "Not authenticated",
                    "Aggregator webhooks need a bearer token or a " + WebhookSignature.HEADER + " signature", null);
        } else {
            sender = new Sender("CARRIER_SIGNATURE", false);
        }

        List<TrackingUpdate> updates;
        try {
            updates = read(carrier, adapter, sender, headers, raw, body);
        } catch (CarrierException e) {
            if (e.code() != null && e.code().endsWith("_UNSUPPORTED")) {
                return Problem.response(404, "not-found", "Not found", "Carrier " + carrier + " does not push webhooks", null);
            }
            if (e.code() != null && (e.code().endsWith("_SIGNATURE") || e.code().endsWith("_UNSIGNED"))) {
                LOG.warnf("Refused %s webhook: %s", carrier, e.getMessage());
                return Problem.response(401, "bad-signature", "Signature not accepted", e.getMessage(), null);
            }
            return malformed(carrier, sender, body, e.code() + ": " + e.getMessage());
        } catch (MalformedWebhook e) {
            return malformed(carrier, sender, body, e.getMessage());
        }
        long id = Transactions.inTransaction(dataSource, c -> inbox.receive(c, carrier, sender.method(), body, updates));
        worker.wake();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("state", WebhookInbox.State.RECEIVED.name());
        answer.put("events", updates.size());
        return Response.accepted(answer).type(MediaType.APPLICATION_JSON).build();
    }

    private List<TrackingUpdate> read(String carrier, Optional<CarrierAdapter> adapter, Sender sender, HttpHeaders headers,
            byte[] raw, String body) throws CarrierException, MalformedWebhook {
        if (AggregatorWebhook.CARRIER.equals(carrier)) {
            return aggregator.parse(body);
        }
        if (!sender.ours()) {
            Map<String, String> flat = new HashMap<>();
            headers.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    flat.put(name, values.get(0));
                }
            });
            return adapter.orElseThrow().parseWebhook(raw, flat);
        }
        if ("sandbox".equals(carrier) && !body.contains("\"events\"")) {
            return List.of(SandboxWebhook.parse(body).toUpdate()); // the sandbox's flat single-event format
        }
        return adapter.orElseThrow().readWebhook(raw);
    }

    private Response malformed(String carrier, Sender sender, String body, String reason) {
        long id = Transactions.inTransaction(dataSource, c -> inbox.malformed(c, carrier, sender.method(), body, reason));
        LOG.infof("Malformed %s webhook stored as %d: %s", carrier, id, reason);
        return Problem.response(400, "malformed-webhook", "Malformed webhook",
                "The body was stored for inspection as webhook " + id,
                List.of(new Problem.Violation("$", reason)));
    }
}
