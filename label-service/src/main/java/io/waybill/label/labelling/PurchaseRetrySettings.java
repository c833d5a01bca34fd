package io.waybill.label.labelling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The persistent retry schedule of label purchases ({@code waybill.labels.retry.*}): a purchase the
 * carrier could not serve (after the in-call retries) is tried again after {@code initial-delay},
 * doubling up to {@code max-delay}, until the carrier serves it. Documented in docs/labels.md.
 */
@ConfigMapping(prefix = "waybill.labels.retry")
public interface PurchaseRetrySettings {

    @WithDefault("30s")
    Duration initialDelay();

    @WithDefault("15m")
    Duration maxDelay();

    /** How often the scheduler looks for due purchases. */
    @WithDefault("10s")
    String poll();

    /** Due purchases per batch; full batches are followed at once, for up to one poll period. */
    @WithDefault("50")
    int batch();

    /**
     * How long a claimed purchase is reserved for the worker calling the carrier. A claim older than
     * this is taken to be a crashed worker's: its call's outcome is unknown (ADR 0050).
     */
    @WithDefault("5m")
    Duration lease();
}
