package io.waybill.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.waybill.gateway.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token bucket (Bucket4j) per client and route class. The client is the token's {@code azp} (the OIDC client
 * that asked for it), or the caller's address when there is no token. Runs after the HTTP permissions, so an API
 * request here is authenticated, and before the body is read or anything is proxied; over the limit the answer is
 * 429 problem+json with {@code Retry-After} (whole seconds until a token is back).
 */
@ApplicationScoped
public class RateLimit {

    /** After authentication (-200) and authorization (-100), before the body limit (-3). */
    static final int ORDER = -50;

    record Key(String routeClass, String client) {
    }

    private record NamedClass(String name, RateLimitConfig.RouteClass settings) {
    }

    private final boolean enabled;
    private final List<NamedClass> classes;
    private final Cache<Key, Bucket> buckets;

    public RateLimit(RateLimitConfig config) {
        this.enabled = config.enabled();
        this.classes = config.classes().entrySet().stream()
                .map(entry -> new NamedClass(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt((NamedClass c) -> c.settings().pathPrefix().length()).reversed())
                .toList();
        for (NamedClass routeClass : classes) {
            if (routeClass.settings().capacity() < 1 || routeClass.settings().refillPerSecond() < 1) {
                throw new IllegalStateException("waybill.rate-limit.classes." + routeClass.name()
                        + ": capacity and refill-per-second must be at least 1");
            }
        }
        this.buckets = Caffeine.newBuilder()
                .maximumSize(config.maxClients())
                // An idle client's bucket is full again after capacity / rate seconds; keeping it longer is pointless.
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    void init(@Observes Router router) {
        if (enabled && !classes.isEmpty()) {
            router.route().order(ORDER).handler(this::handle);
        }
    }

    void handle(RoutingContext ctx) {
        Optional<NamedClass> routeClass = classOf(ctx.normalizedPath());
        if (routeClass.isEmpty()) {
            ctx.next();
            return;
        }
        RateLimitConfig.RouteClass settings = routeClass.get().settings();
        Bucket bucket = buckets.get(new Key(routeClass.get().name(), clientOf(ctx)), key -> newBucket(settings));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        ctx.response().putHeader("RateLimit-Limit", String.valueOf(settings.capacity()));
        ctx.response().putHeader("RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            ctx.next();
            return;
        }
        long retryAfter = retryAfterSeconds(probe.getNanosToWaitForRefill());
        ctx.response().putHeader("Retry-After", String.valueOf(retryAfter));
        Problem.of(429, "too-many-requests", "Too many requests", "Rate limit of " + routeClass.get().name()
                + " requests exceeded (" + settings.capacity() + " at once, " + settings.refillPerSecond()
                + " per second); retry after " + retryAfter + " s").send(ctx.response());
    }

    static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }

    private Optional<NamedClass> classOf(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return classes.stream().filter(c -> path.startsWith(c.settings().pathPrefix())).findFirst();
    }

    private static Bucket newBucket(RateLimitConfig.RouteClass settings) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.capacity())
                        .refillGreedy(settings.refillPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build();
    }

    /** azp of a verified token, else the subject, else the caller's address (the gateway is the edge). */
    static String clientOf(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                if (identity.getPrincipal() instanceof JsonWebToken token) {
                    Object azp = token.getClaim("azp");
                    if (azp != null && !azp.toString().isBlank()) {
                        return "client:" + azp.toString().replace("\"", "");
                    }
                }
                return "principal:" + identity.getPrincipal().getName();
            }
        }
        var remote = ctx.request().remoteAddress();
        return "address:" + (remote == null ? "unknown" : remote.hostAddress());
    }
}
