package io.waybill.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.waybill.gateway.platform.Problem;

/**
 * 413 as problem+json for a declared Content-Length over {@code quarkus.http.limits.max-body-size}.
 * Quarkus checks the same at route order -2 but answers with an empty body; this runs just before it,
 * and after authentication (-200/-100), so an anonymous caller still gets 401 first.
 */
final class BodyLimit implements Handler<RoutingContext> {

    static final int ORDER = -3;

    /**
     * Bodies up to this many times the limit are read and dropped so that the client, still sending,
     * gets to read the 413; beyond it the connection is closed instead.
     */
    static final int DRAIN_FACTOR = 4;

    private final long limit;

    BodyLimit(long limit) {
        this.limit = limit;
    }

    static Problem tooLarge(long limit) {
        return Problem.of(413, "payload-too-large", "Payload too large",
                "The request body is larger than " + limit + " bytes");
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            Problem.of(400, "malformed-request", "Malformed request", "Content-Length is not a number")
                    .send(ctx.response());
            return;
        }
        if (declared <= limit) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (declared > DRAIN_FACTOR * limit) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.endHandler(done -> request.connection().close());
        }
        tooLarge(limit).send(response);
        if (!request.isEnded()) {
            request.resume();
        }
    }
}
