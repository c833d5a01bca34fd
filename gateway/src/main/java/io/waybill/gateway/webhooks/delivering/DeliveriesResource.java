package io.waybill.gateway.webhooks.delivering;

import io.waybill.gateway.webhooks.ApiProblems;
import io.waybill.gateway.webhooks.Callers;
import io.waybill.gateway.webhooks.subscribing.Subscription;
import io.waybill.gateway.webhooks.subscribing.Subscriptions;
import io.waybill.gateway.webhooks.subscribing.WebhookSubscriptionResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A subscription's deliveries: list them (e.g. the parked ones) and requeue a parked one. */
@Path("/api/v1/webhook-subscriptions/{id}/deliveries")
@RolesAllowed({"erp", "admin"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhook subscriptions")
public class DeliveriesResource {

    static final int PAGE = 100;

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final JsonWebToken token;

    public DeliveriesResource(Subscriptions subscriptions, Deliveries deliveries, JsonWebToken token) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.token = token;
    }

    @GET
    @Operation(summary = "Deliveries of the subscription, oldest first (at most 100); status=pending|delivered|parked")
    public Response list(@PathParam("id") String id, @QueryParam("status") String status) {
        Optional<Subscription> subscription = owned(id);
        if (subscription.isEmpty()) {
            return ApiProblems.notFound("Subscription " + id);
        }
        Optional<Deliveries.Status> wanted = Optional.empty();
        if (status != null && !status.isBlank()) {
            try {
                wanted = Optional.of(Deliveries.Status.valueOf(status.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return ApiProblems.of(400, "malformed-request", "Malformed request", "status must be one of "
                        + Arrays.stream(Deliveries.Status.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
        return Response.ok(deliveries.list(subscription.get().id(), wanted, PAGE)).build();
    }

    @POST
    @Path("/{deliveryId}/redeliver")
    @Operation(summary = "Requeue a parked delivery: it is retried from now on with a fresh retry window")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        Optional<Subscription> subscription = owned(id);
        Optional<UUID> delivery = WebhookSubscriptionResource.parse(deliveryId);
        if (subscription.isEmpty() || delivery.isEmpty()) {
            return ApiProblems.notFound(subscription.isEmpty() ? "Subscription " + id : "Delivery " + deliveryId);
        }
        return switch (deliveries.redeliver(subscription.get().id(), delivery.get())) {
            case REQUEUED -> Response.accepted().build();
            case NOT_FOUND -> ApiProblems.notFound("Delivery " + deliveryId);
            case NOT_PARKED -> ApiProblems.of(409, "conflict", "Conflict",
                    "Delivery " + deliveryId + " is not parked; only parked deliveries can be redelivered");
        };
    }

    private Optional<Subscription> owned(String id) {
        return WebhookSubscriptionResource.parse(id).flatMap(uuid -> subscriptions.find(Callers.tenant(token), uuid));
    }
}
