package io.waybill.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Where each service runs and how long the gateway waits for it. Which paths go where: {@link RouteTable}. */
@ConfigMapping(prefix = "waybill.routes")
public interface RoutesConfig {

    Service orderService();

    Service labelService();

    Service trackingService();

    Service returnsService();

    Service fulfillmentService();

    /**
     * A service that cannot be reached within this answers 503 at once, instead of holding the partner. Only
     * the TCP connect: waiting for a pooled connection is bounded by {@link #maxWaitingPerService()}.
     */
    @WithDefault("1s")
    Duration connectTimeout();

    /** Pooled HTTP/1.1 connections per service; Vert.x' default of 5 would queue partner requests. */
    @WithDefault("64")
    int maxConnectionsPerService();

    /**
     * Requests that may wait for one of those connections when all are busy; a request beyond this answers 503
     * at once. A waiting request has no deadline of its own: it waits until a connection is free, i.e. about
     * waiting / connections service answers (each bounded by the service's timeout).
     */
    @WithDefault("256")
    int maxWaitingPerService();

    /**
     * Longest path and query (in characters) the gateway forwards; longer ones get 414 as problem+json. Keep it
     * under the services' request-line limit (Quarkus' default 4096 bytes, method and protocol included).
     */
    @WithDefault("4000")
    int maxUriLength();

    /**
     * Per route (by {@link RouteTable.Route#name()}, e.g. {@code labels}): overrides the service's timeout for that
     * route only, e.g. a slow carrier behind label downloads.
     */
    Map<String, Duration> routeTimeouts();

    interface Service {

        /** Scheme, host and port of the service; a path is ignored (requests keep theirs). */
        URI url();

        /** Longest silence from the service before the partner gets 504. */
        @WithDefault("10s")
        Duration timeout();
    }
}
