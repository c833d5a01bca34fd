package io.waybill.label.carriercalls;

import java.time.Duration;

/**
 * A carrier account's rate limit refused a call: nothing was sent to the carrier. {@link #retryAfter()}
 * is when a permit is expected (the rate limiter's own estimate, else the configured window). A
 * synchronous caller answers 429 with {@code Retry-After}; a label purchase is deferred by that long.
 */
public final class CarrierRateLimited extends RuntimeException {

    private final String carrier;
    private final transient Duration retryAfter;

    public CarrierRateLimited(String carrier, Duration retryAfter, Throwable cause) {
        super("The rate limit of the " + carrier + " account is reached; retry in " + seconds(retryAfter) + " s", cause,
                false, false);
        this.carrier = carrier;
        this.retryAfter = retryAfter;
    }

    public String carrier() {
        return carrier;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@code retryAfter} in whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
