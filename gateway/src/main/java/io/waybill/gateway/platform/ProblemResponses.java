package io.waybill.gateway.platform;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Every error the gateway itself produces leaves as problem+json, like the services' errors. Without this,
 * Quarkus answers a denied permission (403) and unknown paths with an empty body.
 * The 401 challenge is written by {@link io.waybill.gateway.security.ProblemChallenge}.
 */
@ApplicationScoped
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    void init(@Observes Router router) {
        // Runs before Quarkus' own last-resort error handler.
        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> Problem.of(404, "not-found", "Not found",
                "No partner API lives at " + ctx.normalizedPath()).send(ctx.response()));
    }

    void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        problemFor(ctx, failure).send(ctx.response());
    }

    private Problem problemFor(RoutingContext ctx, Throwable failure) {
        if (causedBy(failure, OIDCException.class)) {
            // Keycloak unreachable: tokens cannot be verified for now, which is not the partner's fault.
            LOG.warnf("Token verification unavailable for %s: %s", ctx.normalizedPath(), failure.getMessage());
            ctx.response().putHeader("Retry-After", "5");
            return Problem.of(503, "service-unavailable", "Service unavailable",
                    "Tokens cannot be verified at the moment; retry later");
        }
        if (failure instanceof ForbiddenException) {
            return Problem.of(403, "forbidden", "Forbidden",
                    "The token does not allow this request (the partner API needs role erp or admin and a tenant;"
                            + " operator endpoints need admin)");
        }
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationException) {
            ctx.response().putHeader(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            return Problem.of(401, "unauthorized", "Unauthorized", "A valid bearer token is required");
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status == 500) {
            // Nothing internal (stack traces) reaches the partner; the log has it.
            LOG.errorf(failure, "Request to %s failed", ctx.normalizedPath());
            return Problem.of(500, "internal", "Internal error", "The request could not be completed");
        }
        return switch (status) {
            case 404 -> Problem.of(404, "not-found", "Not found", "No partner API lives at " + ctx.normalizedPath());
            case 413 -> Problem.of(413, "payload-too-large", "Payload too large", "The request body is too large");
            default -> Problem.of(status, "http-" + status, HttpResponseStatus.valueOf(status).reasonPhrase(), null);
        };
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
