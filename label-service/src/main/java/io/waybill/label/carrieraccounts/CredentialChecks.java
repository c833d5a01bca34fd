package io.waybill.label.carrieraccounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.eventstore.Transactions;
import io.waybill.label.carrier.Carriers;
import io.waybill.label.carrieraccounts.CarrierAccountRecord.Status;
import io.waybill.label.carriercalls.CarrierGuards;
import io.waybill.label.carriercalls.CarrierRateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The asynchronous credential check of new carrier accounts: Pending → Syncing → Synced, or Failed
 * with the carrier's reason. A carrier that cannot be reached leaves the account Pending (checked
 * again at the next poll); a check left Syncing by a crashed worker is taken up again after a while.
 */
@ApplicationScoped
public class CredentialChecks {

    private static final Logger LOG = Logger.getLogger(CredentialChecks.class);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(2);

    private final AgroalDataSource dataSource;
    private final Carriers carriers;
    private final CredentialCipher cipher;
    private final CarrierGuards guards;

    public CredentialChecks(AgroalDataSource dataSource, Carriers carriers, CredentialCipher cipher, CarrierGuards guards) {
        this.dataSource = dataSource;
        this.carriers = carriers;
        this.cipher = cipher;
        this.guards = guards;
    }

    @Scheduled(every = "${waybill.labels.credentials.check-poll:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkNewAccounts() {
        if (!cipher.configured()) {
            return;
        }
        List<CarrierAccountStore.Stored> due = Transactions.inTransaction(dataSource, c -> {
            List<CarrierAccountStore.Stored> locked = CarrierAccountStore.lockDueChecks(c, 20, STUCK_AFTER);
            for (CarrierAccountStore.Stored stored : locked) {
                CarrierAccountStore.setStatus(c, stored.account().id(), Status.SYNCING, null);
            }
            return locked;
        });
        due.forEach(this::check);
    }

    private void check(CarrierAccountStore.Stored stored) {
        CarrierAccountRecord account = stored.account();
        Map<String, String> settings = CarrierAccountStore.settings(cipher.open(stored.sealed(),
                TenantCarriers.associatedData(account.tenantId(), account.id())));
        CarrierAccount secrets = CarrierAccount.of(account.carrier(), settings);
        Status status;
        String reason;
        try {
            CarrierAdapter adapter = carriers.create(account.carrier(), settings);
            guards.call(adapter, "account-" + account.id(), () -> {
                adapter.verifyCredentials();
                return Boolean.TRUE;
            }, Boolean.class);
            status = Status.SYNCED;
            reason = null;
        } catch (CarrierRateLimited e) {
            // The account's own rate limit: nothing was sent; the next poll checks again.
            status = Status.PENDING;
            reason = e.getMessage() + "; checking again";
        } catch (CarrierException e) {
            status = e.retryable() ? Status.PENDING : Status.FAILED;
            reason = secrets.redact(e.getMessage());
        } catch (IllegalArgumentException e) {
            status = Status.FAILED;
            reason = secrets.redact(e.getMessage());
        } catch (Exception e) {
            // Timeout, open breaker, full bulkhead: the carrier is not reachable now; check again later.
            status = Status.PENDING;
            reason = "The carrier could not be reached (" + e.getClass().getSimpleName() + "); checking again";
        }
        Status result = status;
        String why = reason;
        Transactions.inTransaction(dataSource, c -> {
            CarrierAccountStore.setStatus(c, account.id(), result, why);
            return null;
        });
        LOG.infof("Carrier account %s (%s, tenant %s) is %s", account.id(), account.carrier(), account.tenantId(), result);
    }
}
