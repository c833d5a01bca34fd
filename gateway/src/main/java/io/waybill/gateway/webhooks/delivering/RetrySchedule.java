package io.waybill.gateway.webhooks.delivering;

import io.waybill.gateway.webhooks.WebhooksConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter: after failed attempt n the next waits
 * {@code min(maxDelay, initialDelay * multiplier^(n-1))}, shortened by a random share of up to {@code jitter}.
 */
public final class RetrySchedule {

    private final WebhooksConfig.Retry settings;
    private final DoubleSupplier random;

    public RetrySchedule(WebhooksConfig.Retry settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    public Duration delayAfter(int failedAttempts) {
        double base = settings.initialDelay().toMillis()
                * Math.pow(settings.multiplier(), Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, settings.maxDelay().toMillis());
        double jittered = capped * (1.0 - settings.jitter() * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }

    public Duration giveUpAfter() {
        return settings.giveUpAfter();
    }
}
