package io.waybill.gateway.webhooks.delivering;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.waybill.eventstore.Transactions;
import io.waybill.gateway.webhooks.SigningSecrets;
import io.waybill.gateway.webhooks.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. Each attempt runs in one transaction that holds the delivery's row lock
 * ({@code FOR UPDATE SKIP LOCKED}) from claim to outcome, so replicas and workers never send the same delivery at
 * the same time; a replica that dies mid-attempt releases the lock and the delivery is retried (at least once).
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DataSource dataSource;
    private final Deliveries deliveries;
    private final WebhookSender sender;
    private final SigningSecrets secrets;
    private final WebhooksConfig.Delivery settings;
    private final RetrySchedule schedule;
    private final ExecutorService workers;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

    public DeliveryWorker(DataSource dataSource, Deliveries deliveries, WebhookSender sender, SigningSecrets secrets,
            WebhooksConfig config) {
        this.dataSource = dataSource;
        this.deliveries = deliveries;
        this.sender = sender;
        this.secrets = secrets;
        this.settings = config.delivery();
        this.schedule = new RetrySchedule(config.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.workers = Executors.newFixedThreadPool(settings.workers(), task -> {
            Thread thread = new Thread(task, "webhook-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Tops the pool up to {@code workers} draining loops; a loop ends when nothing is due. */
    @Scheduled(every = "${waybill.webhooks.delivery.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        while (!stopping && running.get() < settings.workers()) {
            running.incrementAndGet();
            workers.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (!stopping && attemptOne()) {
                // next one
            }
        } catch (RuntimeException e) {
            // Database trouble: the next poll tries again. The message carries no secret (see SigningSecrets).
            LOG.warnf("Webhook delivery paused: %s", e.getMessage());
        } finally {
            running.decrementAndGet();
        }
    }

    /** Claims, sends and records one delivery; false when none is due. */
    boolean attemptOne() {
        return Transactions.inTransaction(dataSource, c -> {
            Optional<Deliveries.Due> claimed = deliveries.claimNext(c, settings.reorderWindow());
            if (claimed.isEmpty()) {
                return false;
            }
            Deliveries.Due due = claimed.get();
            WebhookSender.Outcome outcome = sender.send(due.url(), due.id().toString(),
                    secrets.decrypt(due.secretCiphertext()), due.payload(), Instant.now());
            if (outcome.delivered()) {
                deliveries.delivered(c, due, outcome.statusCode());
                LOG.debugf("Delivered event %s (delivery %s)", due.eventId(), due.id());
            } else {
                Duration delay = schedule.delayAfter(due.attempts() + 1);
                deliveries.failed(c, due, outcome.statusCode(), outcome.error(), delay, schedule.giveUpAfter());
                LOG.infof("Delivery %s of event %s failed (attempt %d): %s", due.id(), due.eventId(),
                        due.attempts() + 1, outcome.error());
            }
            return true;
        });
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping = true;
        workers.shutdown();
        workers.awaitTermination(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }
}
