package io.waybill.tracking.webhooks;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.webhooks.WebhookInbox.Waiting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Applies stored webhooks in the background. One transaction per batch claims waiting rows
 * ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work) and applies each under its own
 * savepoint: a failing webhook rolls back alone, is retried with exponential back-off and parked as
 * DEAD (reason kept) after {@code max-attempts}. A webhook stored by this replica wakes the worker at
 * once; otherwise it looks every {@code idle-wait}.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);

    private final AgroalDataSource dataSource;
    private final WebhookInbox inbox;
    private final CarrierEventIntake intake;
    private final WebhookInboxConfig config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public WebhookWorker(AgroalDataSource dataSource, WebhookInbox inbox, CarrierEventIntake intake, WebhookInboxConfig config) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.intake = intake;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            LOG.info("The webhook worker is disabled on this replica");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("webhook-worker").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** A webhook was stored: look now rather than after the idle wait. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                if (applyBatch() < config.batchSize()) {
                    wake.tryAcquire(config.idleWait().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("The webhook worker failed a batch; it carries on", e);
                sleepQuietly(config.idleWait());
            }
        }
    }

    /** Applies one batch of due webhooks; returns how many it claimed. */
    public int applyBatch() {
        return Transactions.inTransaction(dataSource, c -> {
            List<Waiting> batch = inbox.claim(c, config.batchSize());
            for (Waiting webhook : batch) {
                apply(c, webhook);
            }
            return batch.size();
        });
    }

    private void apply(Connection c, Waiting webhook) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            CarrierEventIntake.Outcome outcome = intake.receiveUpdates(c, webhook.carrier(), webhook.rawBody(), webhook.updates());
            inbox.processed(c, webhook.id(), outcome.name());
            c.releaseSavepoint(before);
        } catch (SQLException | RuntimeException e) {
            c.rollback(before);
            int attempts = webhook.attempts() + 1;
            Optional<Duration> retryIn = attempts >= config.maxAttempts() ? Optional.empty() : Optional.of(backoff(attempts));
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (retryIn.isEmpty()) {
                LOG.errorf(e, "Webhook %d of %s parked as DEAD after %d attempts", webhook.id(), webhook.carrier(), attempts);
            } else {
                LOG.warnf("Webhook %d of %s failed (attempt %d, retry in %s): %s", webhook.id(), webhook.carrier(), attempts,
                        retryIn.get(), reason);
            }
            inbox.failed(c, webhook.id(), reason, retryIn);
        }
    }

    Duration backoff(int attempts) {
        long millis = config.backoffBase().toMillis() << Math.min(attempts - 1, 20);
        return millis > config.backoffMax().toMillis() ? config.backoffMax() : Duration.ofMillis(millis);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
