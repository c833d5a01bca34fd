package io.waybill.tracking.carriers;

import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierAdapterFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.jboss.logging.Logger;

/**
 * The carrier adapters installed in this service, by code. The adapters come from the {@code carriers}
 * module's plug-ins, found with {@link ServiceLoader} (this service has no code per carrier), and are
 * bound to the accounts in {@link CarrierAccountsConfig}:
 * <ul>
 * <li>a carrier with settings is installed with them (a missing or malformed setting stops the start,
 * naming the setting, never showing a value);</li>
 * <li>a carrier without settings is installed only if it needs none (the sandbox);</li>
 * <li>{@code enabled=false} leaves a carrier out.</li>
 * </ul>
 */
@ApplicationScoped
public class Carriers {

    private static final Logger LOG = Logger.getLogger(Carriers.class);
    static final String ENABLED = "enabled";

    private final Map<String, CarrierAdapter> byCode;

    @Inject
    public Carriers(CarrierAccountsConfig config) {
        this(ServiceLoader.load(CarrierAdapterFactory.class, Carriers.class.getClassLoader()), config.accounts());
    }

    Carriers(Iterable<CarrierAdapterFactory> factories, Map<String, Map<String, String>> accounts) {
        Map<String, CarrierAdapter> installed = new LinkedHashMap<>();
        Map<String, Map<String, String>> unused = new HashMap<>(accounts);
        for (CarrierAdapterFactory factory : factories) {
            String code = factory.code().toLowerCase(Locale.ROOT);
            Map<String, String> settings = new HashMap<>(accounts.getOrDefault(code, Map.of()));
            unused.remove(code);
            if ("false".equalsIgnoreCase(settings.remove(ENABLED))) {
                LOG.infof("Carrier %s is disabled by configuration", code);
                continue;
            }
            CarrierAccount account = CarrierAccount.of(code, settings);
            try {
                installed.put(code, factory.create(account));
                LOG.infof("Carrier %s installed with %s", code, account);
            } catch (IllegalArgumentException e) {
                if (!settings.isEmpty()) {
                    throw new IllegalStateException("Carrier " + code + " is misconfigured: " + e.getMessage(), e);
                }
                LOG.debugf("Carrier %s is not configured (%s)", code, e.getMessage());
            }
        }
        unused.keySet().forEach(code -> LOG.warnf("Settings for carrier %s, but no such carrier plug-in is installed", code));
        this.byCode = Map.copyOf(installed);
    }

    public Collection<CarrierAdapter> all() {
        return byCode.values();
    }

    public Optional<CarrierAdapter> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.toLowerCase(Locale.ROOT)));
    }
}
