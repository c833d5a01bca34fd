package io.waybill.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts the reverse proxy on the Quarkus router: one {@link HttpProxy} per service, one route per entry of
 * {@link RouteTable}. Quarkus' HTTP permissions run before these routes, so only allowed requests get here.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);

    private final RoutesConfig config;
    private final long maxBodySize;

    public GatewayRoutes(RoutesConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.config = config;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void init(@Observes Router router, Vertx vertx) {
        // The connect timeout lives on the client (TCP connect only), never on the request: a request-level
        // connect timeout also bounds the wait for a pooled connection, and in Vert.x 4.5 that wait can time
        // out (-> 503) just as the pool hands the waiter a connection, which then belongs to nobody and stays
        // taken until the route timeout frees it (eclipse-vertx/vert.x#6169). Under overload that drained the
        // whole pool. Instead a full pool queues, up to a bounded number of waiters; beyond that -> 503 at once.
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis()),
                new PoolOptions()
                        .setHttp1MaxSize(config.maxConnectionsPerService())
                        .setMaxWaitQueueSize(config.maxWaitingPerService()));

        router.route().order(UriLimit.ORDER).handler(new UriLimit(config.maxUriLength()));
        router.route().order(BodyLimit.ORDER).handler(new BodyLimit(maxBodySize));

        for (RouteTable.Route route : RouteTable.ROUTES) {
            HttpProxy proxy = proxyTo(client, route);
            router.routeWithRegex(route.path().pattern()).handler(ctx -> forward(ctx, proxy));
        }
    }

    private static void forward(RoutingContext ctx, HttpProxy proxy) {
        // Permissions and the body limit have passed by now, so a client waiting for "100 Continue" may send
        // its body; without this it would stall (curl: 1 s). ForwardedHeaders drops Expect for the service.
        if ("100-continue".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        proxy.handle(ctx.request());
    }

    /** One proxy per route (sharing the client and its pools), so that each route may have its own timeout. */
    private HttpProxy proxyTo(HttpClient client, RouteTable.Route route) {
        Upstream upstream = route.upstream();
        RoutesConfig.Service service = upstream.settings(config);
        Duration timeout = config.routeTimeouts().getOrDefault(route.name(), service.timeout());
        URI url = service.url();
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        RequestOptions template = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(port, url.getHost()))
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(tls)
                // No request-level connect timeout, see init(): the client's applies to connecting.
                // No byte from the service for this long fails the exchange with a TimeoutException (-> 504).
                .setIdleTimeout(timeout.toMillis());
        LOG.infof("%s -> %s at %s (timeout %d ms)", route.name(), upstream.serviceName(), url, timeout.toMillis());

        return HttpProxy.reverseProxy(client)
                .origin(context -> context.client().request(new RequestOptions(template))
                        .map(request -> request.exceptionHandler(failure ->
                                // Also reported through the response, where UpstreamFailures answers it.
                                LOG.debugf("%s exchange failed: %s", upstream.serviceName(), failure)))
                        .recover(failure -> Future.failedFuture(new UpstreamUnavailable(upstream, failure))))
                .addInterceptor(new ForwardedHeaders())
                .addInterceptor(new ChunkedBodyCap(maxBodySize))
                .addInterceptor(new UpstreamFailures(upstream, timeout, maxBodySize));
    }
}
