package io.waybill.gateway.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * PostgreSQL stores no U+0000, so a NUL in a path or query of the gateway's own endpoints (tracking page,
 * webhook subscriptions) would fail in the database as a 500. Refused before matching: 404 for a path (no
 * such resource), 400 for a query. Proxied routes reach the services, which refuse it themselves.
 */
public class NulInUriFilter {

    private static final char NUL = '\u0000';

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseNul(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().indexOf(NUL) >= 0) {
            return Optional.of(problem(Problem.of(404, "not-found", "Not found", "No such resource")));
        }
        boolean inQuery = request.getUriInfo().getQueryParameters().values().stream()
                .flatMap(java.util.List::stream).anyMatch(value -> value.indexOf(NUL) >= 0);
        if (inQuery) {
            return Optional.of(problem(Problem.of(400, "malformed-request", "Malformed request",
                    "The query string contains a NUL character")));
        }
        return Optional.empty();
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.toBuffer().toString()).build();
    }
}
