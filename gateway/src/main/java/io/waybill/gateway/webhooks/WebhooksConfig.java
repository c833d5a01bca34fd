package io.waybill.gateway.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Partner webhooks out: who may be called, how secrets are kept, how deliveries are retried. */
@ConfigMapping(prefix = "waybill.webhooks")
public interface WebhooksConfig {

    /**
     * Lets subscriptions use {@code http://} on 127.0.0.1, ::1 or localhost (dev and test receivers).
     * Everything else must be HTTPS.
     */
    @WithDefault("false")
    boolean allowInsecureLocalhost();

    /** Base64 of a 256-bit AES key that encrypts the subscriptions' signing secrets at rest. No default in prod. */
    String secretEncryptionKey();

    Delivery delivery();

    Retry retry();

    interface Delivery {

        /** Deliveries in flight at once per gateway replica (each holds one database connection). */
        @WithDefault("4")
        int workers();

        /** How often idle workers look for due deliveries (the scheduler does not go below 1s). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Connect plus answer time allowed to the partner's endpoint; longer counts as a failed attempt. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * A new delivery waits this long before its first attempt, so that an earlier event of the same shipment
         * read a moment later from another topic still goes out first (events are ordered by their time).
         */
        @WithDefault("2s")
        Duration reorderWindow();
    }

    interface Retry {

        /** Delay after the first failed attempt; each further failure multiplies it. */
        @WithDefault("30s")
        Duration initialDelay();

        @WithDefault("2.0")
        double multiplier();

        @WithDefault("1h")
        Duration maxDelay();

        /** Each delay is shortened by a random share of up to this fraction, so retries of many deliveries spread. */
        @WithDefault("0.2")
        double jitter();

        /** Attempts go on for this long after the first one; then the delivery is parked. */
        @WithDefault("25h")
        Duration giveUpAfter();
    }
}
