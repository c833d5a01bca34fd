package io.waybill.tracking.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code waybill.webhook-inbox.*}: the worker that applies stored webhooks. */
@ConfigMapping(prefix = "waybill.webhook-inbox")
public interface WebhookInboxConfig {

    /** Whether this replica runs the worker (several replicas share the work through SKIP LOCKED). */
    @WithDefault("true")
    boolean enabled();

    /** Webhooks applied per transaction at most. */
    @WithDefault("100")
    int batchSize();

    /** How long an idle worker waits before looking again (a webhook received by this replica wakes it at once). */
    @WithDefault("PT0.2S")
    Duration idleWait();

    /** Failed attempts before a webhook is parked as DEAD. */
    @WithDefault("8")
    int maxAttempts();

    /** Delay after the first failure; doubled per further failure up to {@link #backoffMax()}. */
    @WithDefault("PT1S")
    Duration backoffBase();

    @WithDefault("PT10M")
    Duration backoffMax();
}
