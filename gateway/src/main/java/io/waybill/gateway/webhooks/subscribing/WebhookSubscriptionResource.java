package io.waybill.gateway.webhooks.subscribing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.waybill.gateway.webhooks.ApiProblems;
import io.waybill.gateway.webhooks.Callers;
import io.waybill.gateway.webhooks.ReceiverPolicy;
import io.waybill.gateway.webhooks.SigningSecrets;
import io.waybill.gateway.webhooks.WebhooksConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A tenant's webhook subscriptions, served by the gateway itself. The signing secret is generated here and
 * returned once, in the 201 answer; later reads never show it.
 */
@Path("/api/v1/webhook-subscriptions")
@RolesAllowed({"erp", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhook subscriptions")
public class WebhookSubscriptionResource {

    private final Subscriptions subscriptions;
    private final SigningSecrets secrets;
    private final ReceiverPolicy receivers;
    private final JsonWebToken token;

    public WebhookSubscriptionResource(Subscriptions subscriptions, SigningSecrets secrets, WebhooksConfig config,
            JsonWebToken token) {
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.receivers = ReceiverPolicy.of(config);
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an HTTPS endpoint to public events; the answer carries the signing secret, once")
    public Response create(SubscriptionRequest request, UriInfo uri) {
        if (request == null) {
            return ApiProblems.of(400, "malformed-request", "Malformed request", "A JSON body is required");
        }
        List<SubscriptionRules.Violation> violations = SubscriptionRules.check(request, receivers);
        if (!violations.isEmpty()) {
            return ApiProblems.invalid(violations);
        }
        String secret = secrets.generate();
        Subscription created = subscriptions.create(Callers.tenant(token), request, secrets.encrypt(secret));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(CreatedSubscription.of(created, secret)).build();
    }

    @GET
    @Operation(summary = "The tenant's subscriptions (without secrets)")
    public List<Subscription> list() {
        return subscriptions.list(Callers.tenant(token));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription (without its secret)")
    public Response get(@PathParam("id") String id) {
        Optional<Subscription> found = parse(id).flatMap(uuid -> subscriptions.find(Callers.tenant(token), uuid));
        return found.map(subscription -> Response.ok(subscription).build())
                .orElseGet(() -> ApiProblems.notFound("Subscription " + id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop delivering to this endpoint; pending and parked deliveries are dropped")
    public Response delete(@PathParam("id") String id) {
        boolean deleted = parse(id).map(uuid -> subscriptions.delete(Callers.tenant(token), uuid)).orElse(false);
        return deleted ? Response.noContent().build() : ApiProblems.notFound("Subscription " + id);
    }

    /** Unparseable JSON: 400 as problem+json (resource-local mapper). */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return ApiProblems.of(400, "malformed-request", "Malformed request",
                "The body is not a valid subscription JSON document");
    }

    /**
     * JSON of the wrong shape (e.g. a number for a list): Quarkus REST reports it as a 400 WebApplicationException,
     * which would leave with an empty body.
     */
    @ServerExceptionMapper
    public Response wrongShape(WebApplicationException e) {
        if (e.getResponse() != null && e.getResponse().getStatus() == 400) {
            return ApiProblems.of(400, "malformed-request", "Malformed request",
                    "The body does not have the shape of a subscription request");
        }
        return e.getResponse();
    }

    /** Ids are UUIDs; anything else names no subscription. */
    public static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
