package io.waybill.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Tells the service who asked. Everything else, the Authorization header included, goes through unchanged:
 * the services verify the token themselves.
 */
final class ForwardedHeaders implements ProxyInterceptor {

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        // Services build absolute links (Location) from Host; keeping the gateway's makes them point here.
        if (incoming.authority() != null) {
            request.setAuthority(incoming.authority());
        }
        // The gateway is the edge: what a client claims about earlier hops is replaced, never passed on.
        request.headers().remove("Forwarded");
        // Already answered with "100 Continue" by the gateway (GatewayRoutes); the body is on its way.
        request.headers().remove("Expect");
        request.headers().remove("X-Forwarded-Host");
        request.headers().remove("X-Forwarded-For");
        if (incoming.remoteAddress() != null && incoming.remoteAddress().hostAddress() != null) {
            request.putHeader("X-Forwarded-For", incoming.remoteAddress().hostAddress());
        }
        request.putHeader("X-Forwarded-Proto", incoming.scheme());
        return context.sendRequest();
    }
}
