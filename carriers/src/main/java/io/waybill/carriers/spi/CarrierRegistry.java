package io.waybill.carriers.spi;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * The carrier adapters installed in a service, by code: the plug-ins found with {@link ServiceLoader}
 * (a service has no code per carrier), each bound to its account settings
 * ({@code carrier code -> setting -> value}, from the service's configuration):
 * <ul>
 * <li>a carrier with settings is installed with them (a missing or malformed setting stops the start,
 * naming the setting, never showing a value);</li>
 * <li>a carrier without settings is installed only if it needs none (the sandbox);</li>
 * <li>{@code enabled=false} leaves a carrier out.</li>
 * </ul>
 */
public final class CarrierRegistry {

    private static final Logger LOG = Logger.getLogger(CarrierRegistry.class.getName());
    static final String ENABLED = "enabled";

    private final Map<String, CarrierAdapter> byCode;

    /** The plug-ins on the class path, bound to {@code accounts}. */
    public static CarrierRegistry load(Map<String, Map<String, String>> accounts) {
        return new CarrierRegistry(ServiceLoader.load(CarrierAdapterFactory.class, CarrierRegistry.class.getClassLoader()),
                accounts);
    }

    public CarrierRegistry(Iterable<CarrierAdapterFactory> factories, Map<String, Map<String, String>> accounts) {
        Map<String, CarrierAdapter> installed = new LinkedHashMap<>();
        Map<String, Map<String, String>> unused = new HashMap<>(accounts);
        for (CarrierAdapterFactory factory : factories) {
            String code = factory.code().toLowerCase(Locale.ROOT);
            Map<String, String> settings = new HashMap<>(accounts.getOrDefault(code, Map.of()));
            unused.remove(code);
            if ("false".equalsIgnoreCase(settings.remove(ENABLED))) {
                LOG.info(() -> "Carrier " + code + " is disabled by configuration");
                continue;
            }
            CarrierAccount account = CarrierAccount.of(code, settings);
            try {
                installed.put(code, factory.create(account));
                LOG.info(() -> "Carrier " + code + " installed with " + account);
            } catch (IllegalArgumentException e) {
                if (!settings.isEmpty()) {
                    throw new IllegalStateException("Carrier " + code + " is misconfigured: " + e.getMessage(), e);
                }
                LOG.fine(() -> "Carrier " + code + " is not configured (" + e.getMessage() + ")");
            }
        }
        unused.keySet().forEach(code -> LOG.warning(() -> "Settings for carrier " + code + ", but no such carrier plug-in is installed"));
        this.byCode = Map.copyOf(installed);
    }

    public Collection<CarrierAdapter> all() {
        return byCode.values();
    }

    public Optional<CarrierAdapter> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.toLowerCase(Locale.ROOT)));
    }
}
