package io.waybill.tracking.polling;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast this replica may call each carrier's track operation: a rolling window (never more than
 * the configured calls in any window, not just per calendar second) that the caller waits for; and a
 * pause when the carrier answered 429, until its Retry-After has passed. Both are per replica: with N
 * replicas polling, configure rate / N. (SmallRye Fault Tolerance's rate limit refuses instead of
 * waiting, and retrying against it starved the caller in our 10,000-tracking test, see ADR 0041.)
 */
@ApplicationScoped
public class CarrierThrottle {

    private final PollingConfig config;
    private final Map<String, RollingWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    public CarrierThrottle(PollingConfig config) {
        this.config = config;
    }

    /** Calls {@code work} as soon as the carrier's rate limit allows (blocking the calling thread until then). */
    public <T> T call(String carrier, Callable<T> work) throws Exception {
        windows.computeIfAbsent(carrier, this::window).acquire();
        return work.call();
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

    private RollingWindow window(String carrier) {
        double rate = rate(carrier);
        if (rate <= 0) {
            throw new IllegalStateException("waybill.polling.rate-per-second." + carrier + " must be positive");
        }
        // A whole number of calls per window: 2.5/s is 5 per 2 s, 0.2/s is 1 per 5 s.
        int limit = (int) Math.max(1, Math.floor(rate));
        return new RollingWindow(limit, Math.round(limit * 1_000_000_000L / rate));
    }

    /** At most {@code limit} permits in any {@code windowNanos}: the start times of the last permits, oldest first. */
    static final class RollingWindow {

        private final int limit;
        private final long windowNanos;
        private final ArrayDeque<Long> starts = new ArrayDeque<>();

        RollingWindow(int limit, long windowNanos) {
            this.limit = limit;
            this.windowNanos = windowNanos;
        }

        synchronized void acquire() throws InterruptedException {
            while (true) {
                long now = System.nanoTime();
                while (!starts.isEmpty() && now - starts.peekFirst() >= windowNanos) {
                    starts.pollFirst();
                }
                if (starts.size() < limit) {
                    starts.addLast(now);
                    return;
                }
                long waitNanos = windowNanos - (now - starts.peekFirst());
                wait(Math.max(1, waitNanos / 1_000_000), 0);
            }
        }
    }
}
