package io.waybill.tracking.polling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code waybill.polling.*}: how often the scheduler ticks, how much it takes per tick, and the {@link PollPolicy}. */
@ConfigMapping(prefix = "waybill.polling")
public interface PollingConfig {

    /** The tick interval (read by {@code @Scheduled}), e.g. {@code 30s}. */
    @WithDefault("30s")
    String every();

    /** How long after start the first tick runs. */
    @WithDefault("10s")
    String delay();

    /** Trackings claimed per tick at most. */
    @WithDefault("500")
    int batchSize();

    /** How long claimed trackings stay invisible to other ticks (a replica dying mid-poll frees them after this). */
    @WithDefault("PT5M")
    Duration lease();

    @WithDefault("PT6H")
    Duration pending();

    @WithDefault("PT1H")
    Duration inTransit();

    @WithDefault("PT30M")
    Duration outForDelivery();

    @WithDefault("PT6H")
    Duration confirmFinal();

    @WithDefault("PT1M")
    Duration backoffBase();

    @WithDefault("PT6H")
    Duration backoffMax();

    @WithDefault("0.1")
    double jitter();

    /** Track calls per second to each carrier, by carrier code (per replica); carriers not listed get the default. */
    java.util.Map<String, Double> ratePerSecond();

    @WithDefault("5")
    double defaultRatePerSecond();

    /** How long to pause a carrier that answered 429 without a usable Retry-After. */
    @WithDefault("PT1M")
    Duration throttledPause();

    default PollPolicy policy() {
        return new PollPolicy(pending(), inTransit(), outForDelivery(), confirmFinal(), backoffBase(), backoffMax(), jitter());
    }
}
