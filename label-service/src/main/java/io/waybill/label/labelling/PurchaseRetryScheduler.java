package io.waybill.label.labelling;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.waybill.eventstore.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The persistent retry schedule's clock: purchases that are due (deferred after a carrier outage, or
 * left claimed by a crashed worker past their lease) are attempted again, a batch per poll.
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
        List<String> due = Transactions.inTransaction(dataSource, c -> OpenPurchases.due(c, settings.batch()));
        due.forEach(attempts::attempt);
    }
}
