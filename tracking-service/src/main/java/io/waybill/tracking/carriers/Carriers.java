package io.waybill.tracking.carriers;

import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;

/** This service's carrier adapters: the {@code carriers} module's registry, bound to {@link CarrierAccountsConfig}. */
@ApplicationScoped
public class Carriers {

    private final CarrierRegistry registry;

    public Carriers(CarrierAccountsConfig config) {
        this.registry = CarrierRegistry.load(config.accounts());
    }

    public Collection<CarrierAdapter> all() {
        return registry.all();
    }

    public Optional<CarrierAdapter> find(String code) {
        return registry.find(code);
    }
}
