package io.waybill.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Per-route-class token buckets; see {@link RateLimit}. */
@ConfigMapping(prefix = "waybill.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** By class name, e.g. {@code api}, {@code webhooks}, {@code track}. */
    Map<String, RouteClass> classes();

    /** How many clients' buckets are kept; idle ones are dropped first (a dropped bucket starts full). */
    @WithDefault("100000")
    long maxClients();

    interface RouteClass {

        /** Requests whose path starts with this belong to the class; the longest matching prefix wins. */
        String pathPrefix();

        /** Burst: requests a client may make at once after being idle. */
        long capacity();

        /** Sustained rate: tokens put back per second. */
        long refillPerSecond();
    }
}
