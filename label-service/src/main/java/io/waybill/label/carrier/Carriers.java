package io.waybill.label.carrier;

import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierAdapterFactory;
import io.waybill.carriers.spi.CarrierRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** This service's carrier adapters: the {@code carriers} module's registry, bound to {@link CarrierAccountsConfig}. */
@ApplicationScoped
public class Carriers {

    private final CarrierRegistry registry;
    private final Map<String, CarrierAdapterFactory> plugins;

    public Carriers(CarrierAccountsConfig config) {
        this.registry = CarrierRegistry.load(config.accounts());
        this.plugins = ServiceLoader.load(CarrierAdapterFactory.class, CarrierRegistry.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(f -> f.code().toLowerCase(Locale.ROOT), f -> f, (a, b) -> a));
    }

    /** Whether a plug-in for this carrier code is installed (configured or not). */
    public boolean installed(String code) {
        return code != null && plugins.containsKey(code.toLowerCase(Locale.ROOT));
    }

    /**
     * An adapter of an installed plug-in bound to a tenant's account settings. Throws
     * {@link IllegalArgumentException} naming (never showing) a missing or malformed setting.
     */
    public CarrierAdapter create(String code, Map<String, String> settings) {
        CarrierAdapterFactory factory = plugins.get(code.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("No carrier plug-in named '" + code + "' is installed");
        }
        return factory.create(CarrierAccount.of(code.toLowerCase(Locale.ROOT), settings));
    }

    public Collection<CarrierAdapter> all() {
        return registry.all();
    }

    public Optional<CarrierAdapter> find(String code) {
        return registry.find(code);
    }
}
