package io.waybill.tracking.polling;

import io.waybill.contracts.TrackingStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * When a tracking is polled next. Pure. By status: pending (no status yet, PENDING, INFO_RECEIVED; and
 * EXPIRED, where the carrier stopped reporting but a return may still follow)
 * every {@code pending}, out for delivery every {@code outForDelivery}, any other open status (in
 * transit, customs, failed attempt, exception, …) every {@code inTransit}. A final status (delivered,
 * returned, cancelled) gets one confirming poll after {@code confirmFinal}; when that poll still finds
 * it final, polling stops. Carrier errors back off exponentially from {@code backoffBase} up to
 * {@code backoffMax}. Every delay is spread by ± {@code jitter} (a fraction) so that trackings
 * registered together do not stay together.
 */
public record PollPolicy(Duration pending, Duration inTransit, Duration outForDelivery, Duration confirmFinal,
        Duration backoffBase, Duration backoffMax, double jitter) {

    public static final PollPolicy DEFAULT = new PollPolicy(Duration.ofHours(6), Duration.ofHours(1), Duration.ofMinutes(30),
            Duration.ofHours(6), Duration.ofMinutes(1), Duration.ofHours(6), 0.1);

    /** What to do after a successful poll. */
    public record Next(Duration delay, boolean finalSeen) {

        public boolean stop() {
            return delay == null;
        }
    }

    /** After a poll that left the tracking at {@code status}; {@code finalSeen}: the previous poll already found it final. */
    public Next afterPoll(TrackingStatus status, boolean finalSeen) {
        if (status != null && status.isFinal()) {
            return finalSeen ? new Next(null, true) : new Next(confirmFinal, true);
        }
        return new Next(interval(status), false);
    }

    /** The regular interval of an open status. */
    public Duration interval(TrackingStatus status) {
        if (status == null || status == TrackingStatus.PENDING || status == TrackingStatus.INFO_RECEIVED
                || status == TrackingStatus.EXPIRED) {
            return pending;
        }
        if (status == TrackingStatus.OUT_FOR_DELIVERY) {
            return outForDelivery;
        }
        if (status.isFinal()) {
            return confirmFinal;
        }
        return inTransit;
    }

    /** The delay after the {@code attempts}-th failure in a row (1 for the first): base × 2^(attempts−1), capped. */
    public Duration backoff(int attempts) {
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        long millis = backoffBase.toMillis() * (1L << exponent);
        return millis <= 0 || millis > backoffMax.toMillis() ? backoffMax : Duration.ofMillis(millis);
    }

    /** {@code delay} spread by ± jitter; {@code random} is uniform in [0, 1). */
    public Duration jittered(Duration delay, double random) {
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.max(0, Math.round(delay.toMillis() * factor)));
    }
}
