package io.waybill.label.carrieraccounts;

import io.agroal.api.AgroalDataSource;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.eventstore.Transactions;
import io.waybill.label.carrier.Carriers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which account a tenant's label is bought with: the tenant's newest synced account for the carrier,
 * else the service's configured account (so the demo and tenants without accounts keep working).
 * {@code accountKey} names the account for its fault-tolerance guard and rate limit.
 */
@ApplicationScoped
public class TenantCarriers {

    public static final String CONFIGURED = "configured";

    public record Bound(CarrierAdapter adapter, String accountKey) {
    }

    private final AgroalDataSource dataSource;
    private final Carriers carriers;
    private final CredentialCipher cipher;
    // Accounts are never changed once stored (a new one is added instead), so an adapter per id stays valid.
    private final ConcurrentMap<UUID, CarrierAdapter> adapters = new ConcurrentHashMap<>();

    public TenantCarriers(AgroalDataSource dataSource, Carriers carriers, CredentialCipher cipher) {
        this.dataSource = dataSource;
        this.carriers = carriers;
        this.cipher = cipher;
    }

    public Optional<Bound> forTenant(String tenantId, String carrier) {
        if (carrier == null) {
            return Optional.empty();
        }
        String code = carrier.toLowerCase(Locale.ROOT);
        if (cipher.configured()) {
            Optional<CarrierAccountStore.Stored> stored = Transactions.inTransaction(dataSource,
                    c -> CarrierAccountStore.synced(c, tenantId, code));
            if (stored.isPresent()) {
                return Optional.of(new Bound(adapter(stored.get()), "account-" + stored.get().account().id()));
            }
        }
        return carriers.find(code).map(adapter -> new Bound(adapter, CONFIGURED));
    }

    /** Every carrier the tenant can use: its own accounts, and the configured ones for the other carriers. */
    public List<Bound> allForTenant(String tenantId) {
        Map<String, Bound> byCarrier = new LinkedHashMap<>();
        carriers.all().forEach(adapter -> byCarrier.put(adapter.code(), new Bound(adapter, CONFIGURED)));
        if (cipher.configured()) {
            Transactions.inTransaction(dataSource, c -> CarrierAccountStore.syncedPerCarrier(c, tenantId))
                    .forEach(stored -> byCarrier.put(stored.account().carrier(),
                            new Bound(adapter(stored), "account-" + stored.account().id())));
        }
        return List.copyOf(byCarrier.values());
    }

    CarrierAdapter adapter(CarrierAccountStore.Stored stored) {
        CarrierAccountRecord account = stored.account();
        return adapters.computeIfAbsent(account.id(), id -> carriers.create(account.carrier(),
                CarrierAccountStore.settings(cipher.open(stored.sealed(), associatedData(account.tenantId(), id)))));
    }

    static String associatedData(String tenantId, UUID accountId) {
        return tenantId + "/" + accountId;
    }
}
