package io.waybill.label.carriercalls;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One SmallRye Fault Tolerance guard per carrier account (programmatic API: annotations cannot be
 * keyed by account): timeout, retry with exponential back-off and jitter, circuit breaker, rate limit
 * and bulkhead. What is retried and what opens the breaker:
 * <ul>
 *   <li>retried: {@link CarrierException#retryable()} errors (5xx, 429, timeouts, connection failures),
 *       except those whose outcome is unknown when the carrier honours no idempotency key (ADR 0050);</li>
 *   <li>counted as breaker failures: retryable carrier errors and timeouts; a refusal (4xx, validation)
 *       says the carrier is up and does not open the breaker;</li>
 *   <li>never retried here: an open breaker, a full bulkhead, an exceeded rate limit (nothing was sent;
 *       the persistent schedule tries later).</li>
 * </ul>
 * An exceeded rate limit leaves as {@link CarrierRateLimited}, saying when a permit is expected.
 */
@ApplicationScoped
public class CarrierGuards {

    private static final Logger LOG = Logger.getLogger(CarrierGuards.class);

    private final CarrierCallSettings settings;
    private final ConcurrentMap<String, Guard> guards = new ConcurrentHashMap<>();

    public CarrierGuards(CarrierCallSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs {@code call} to {@code adapter}'s carrier under the guard of {@code account}.
     *
     * @throws CarrierRateLimited when the account's rate limit refuses the call (nothing was sent)
     */
    public <T> T call(CarrierAdapter adapter, String account, Callable<T> call, Class<T> type) throws Exception {
        String key = adapter.code() + "/" + account;
        try {
            return guards.computeIfAbsent(key, k -> build(k, adapter.code(), adapter.honoursIdempotencyKey())).call(call, type);
        } catch (RateLimitException e) {
            throw new CarrierRateLimited(adapter.code(), retryAfter(e), e);
        }
    }

    /** When the rate limiter expects a permit; its configured window when it does not say. */
    private Duration retryAfter(RateLimitException e) {
        return e.getRetryAfterMillis() > 0 ? Duration.ofMillis(e.getRetryAfterMillis()) : settings.rateLimit().window();
    }

    /** Whether trying {@code failure} again cannot buy a second label. */
    public static boolean safeToRetry(Throwable failure, boolean idempotent) {
        if (failure instanceof CarrierException e) {
            return e.retryable() && (!e.outcomeUnknown() || idempotent);
        }
        return failure instanceof TimeoutException && idempotent;
    }

    /** Whether {@code failure} says the carrier is in trouble (as opposed to refusing one request). */
    static boolean carrierTrouble(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof CarrierException e && e.retryable();
    }

    private Guard build(String key, String carrier, boolean idempotent) {
        var retry = settings.retry();
        var breaker = settings.circuitBreaker();
        return Guard.create()
                .withDescription("carrier " + key)
                .withTimeout().duration(settings.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(retry.maxDelay().toMillis() * (retry.maxRetries() + 2L)
                            + settings.timeout().toMillis() * (retry.maxRetries() + 1L), ChronoUnit.MILLIS)
                    .whenException(failure -> safeToRetry(failure, idempotent))
                    .withExponentialBackoff().factor(2).maxDelay(retry.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                    .done()
                .withCircuitBreaker()
                    .name("carrier-" + key)
                    .requestVolumeThreshold(breaker.requestVolume())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    .when(CarrierGuards::carrierTrouble)
                    .onStateChange(state -> LOG.infof("Circuit breaker of carrier %s is now %s", key, state))
                    .done()
                .withRateLimit()
                    .limit(settings.rateLimit().limitFor(carrier))
                    .window(settings.rateLimit().window().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .withBulkhead().limit(settings.bulkhead()).done()
                .build();
    }
}
