package io.waybill.tracking.polling;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast this replica may call each carrier's track operation: a SmallRye Fault Tolerance rate
 * limit with a rolling window (never more than the configured calls in any window, not just per
 * fixed second), waited for rather than refused; and a pause when the carrier answered 429, until its
 * Retry-After has passed. Both are per replica: with N replicas polling, configure rate / N.
 */
@ApplicationScoped
public class CarrierThrottle {

    private final PollingConfig config;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    public CarrierThrottle(PollingConfig config) {
        this.config = config;
    }

    /** Calls {@code work} as soon as the carrier's rate limit allows (blocking the calling thread until then). */
    @SuppressWarnings("unchecked")
    public <T> T call(String carrier, Callable<T> work) throws Exception {
        Guard guard = guards.computeIfAbsent(carrier, this::guard);
        Callable<Object> untyped = work::call;
        while (true) {
            try {
                return (T) guard.call(untyped, Object.class);
            } catch (RateLimitException e) {
                Thread.sleep(Math.max(1, e.getRetryAfterMillis()));
            }
        }
    }

    /** The carrier said 429: no calls to it from this replica until {@code until}. */
    public void pause(String carrier, Instant until) {
        pausedUntil.merge(carrier, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Optional<Instant> pausedUntil(String carrier) {
        Instant until = pausedUntil.get(carrier);
        if (until == null || !until.isAfter(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(until);
    }

    /** Carriers paused right now, for the claim to leave their trackings alone. */
    public List<String> paused() {
        Instant now = Instant.now();
        return pausedUntil.entrySet().stream().filter(e -> e.getValue().isAfter(now)).map(Map.Entry::getKey).toList();
    }

    /** Calls per second allowed for {@code carrier}. */
    public double rate(String carrier) {
        return config.ratePerSecond().getOrDefault(carrier, config.defaultRatePerSecond());
    }

    private Guard guard(String carrier) {
        double rate = rate(carrier);
        if (rate <= 0) {
            throw new IllegalStateException("waybill.polling.rate-per-second." + carrier + " must be positive");
        }
        // A whole number of calls per window: 2.5/s is 5 per 2 s, 0.2/s is 1 per 5 s.
        int limit = (int) Math.max(1, Math.floor(rate));
        long windowMillis = Math.round(limit * 1000 / rate);
        return Guard.create().withDescription("track-" + carrier)
                .withRateLimit().limit(limit).window(windowMillis, ChronoUnit.MILLIS).type(RateLimitType.ROLLING).done()
                .build();
    }
}
