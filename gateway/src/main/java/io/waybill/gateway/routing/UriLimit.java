package io.waybill.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.waybill.gateway.platform.Problem;

/**
 * 414 as problem+json for a path and query longer than {@code waybill.gateway.max-uri-length}. Vert.x would
 * refuse an over-long request line itself, but with an empty body, so the gateway's own line limit is set
 * far higher ({@code quarkus.http.limits.max-initial-line-length}) and this check answers first. The limit
 * stays under the services' own request-line limit (4096), so a proxied request never meets theirs.
 */
final class UriLimit implements Handler<RoutingContext> {

    static final int ORDER = BodyLimit.ORDER;

    private final int limit;

    UriLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > limit) {
            Problem.of(414, "uri-too-long", "URI too long",
                    "The path and query are longer than " + limit + " characters").send(ctx.response());
            return;
        }
        ctx.next();
    }
}
