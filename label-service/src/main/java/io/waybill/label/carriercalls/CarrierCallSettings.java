package io.waybill.label.carriercalls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;

/**
 * Fault tolerance of calls to carriers ({@code waybill.labels.carrier-calls.*}), applied per carrier
 * account; documented in docs/labels.md.
 */
@ConfigMapping(prefix = "waybill.labels.carrier-calls")
public interface CarrierCallSettings {

    /** Longest a single carrier call may take (the adapter's own HTTP timeout should be shorter). */
    @WithDefault("20s")
    Duration timeout();

    Retry retry();

    @WithName("circuit-breaker")
    CircuitBreaker circuitBreaker();

    /** Carrier calls at once per account; more are refused (and retried later from the schedule). */
    @WithDefault("10")
    int bulkhead();

    @WithName("rate-limit")
    RateLimit rateLimit();

    interface Retry {
        /** Retries within one attempt, for errors that are safe to retry. */
        @WithDefault("3")
        int maxRetries();

        /** First back-off; doubled each retry up to {@link #maxDelay()}. */
        @WithDefault("500ms")
        Duration delay();

        @WithDefault("5s")
        Duration maxDelay();

        /** Random spread added to or taken from each back-off. */
        @WithDefault("200ms")
        Duration jitter();
    }

    interface CircuitBreaker {
        /** Calls in the rolling window before the breaker judges the failure ratio. */
        @WithDefault("10")
        int requestVolume();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before letting trial calls through. */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls that close it again. */
        @WithDefault("2")
        int successThreshold();
    }

    interface RateLimit {
        /** Calls per window per account. */
        @WithDefault("50")
        int limit();

        /**
         * Per carrier code, overriding {@link #limit()} for that carrier's accounts: a carrier's published quota
         * (e.g. {@code koiki=10}), or a high one for {@code sandbox}, which calls no one.
         */
        @WithName("per-carrier")
        Map<String, Integer> perCarrier();

        /** The limit for {@code carrier}'s accounts. */
        default int limitFor(String carrier) {
            return perCarrier().getOrDefault(carrier, limit());
        }

        @WithDefault("1s")
        Duration window();
    }
}
