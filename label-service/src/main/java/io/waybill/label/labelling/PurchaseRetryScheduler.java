package io.waybill.label.labelling;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.waybill.eventstore.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The persistent retry schedule's clock: purchases that are due (deferred after a carrier outage, or
 * left claimed by a crashed worker past their lease) are attempted again, batch after batch while
 * batches come back full, for at most one poll period.
 */
@ApplicationScoped
public class PurchaseRetryScheduler {

    private final AgroalDataSource dataSource;
    private final PurchaseAttempts attempts;
    private final PurchaseRetrySettings settings;

    public PurchaseRetryScheduler(AgroalDataSource dataSource, PurchaseAttempts attempts, PurchaseRetrySettings settings) {
        this.dataSource = dataSource;
        this.attempts = attempts;
        this.settings = settings;
    }

    @Scheduled(every = "${waybill.labels.retry.poll:10s}", delayed = "${waybill.labels.retry.poll:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryDuePurchases() {
        // A full batch means more are due (e.g. a backlog a rate limit deferred): take the next batch at once rather
        // than a batch per poll, for at most one poll period. What a batch handled is closed, claimed or deferred, so
        // it is not selected again.
        long until = System.nanoTime() + DurationConverter.parseDuration(settings.poll()).toNanos();
        List<String> due;
        do {
            due = Transactions.inTransaction(dataSource, c -> OpenPurchases.due(c, settings.batch()));
            due.forEach(attempts::attempt);
        } while (due.size() == settings.batch() && System.nanoTime() < until);
    }
}
