package io.waybill.returns.labels;

import io.waybill.contracts.Address;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Where each tenant wants its returns delivered, from configuration:
 * {@code waybill.returns.warehouse.<tenant>.{id,name,company,lines,city,region,postal-code,country,phone,email}}
 * ({@code lines} comma-separated). {@code id} (default: the name) is the warehouse that StockAdjusted
 * names for goods that come back on a return label. A tenant without one (or with an incomplete one,
 * which is logged) gets its returns delivered to the shipment's sender.
 */
@ApplicationScoped
public class ReturnWarehouses {

    private static final Logger LOG = Logger.getLogger(ReturnWarehouses.class);

    /** A returns warehouse: its id for stock adjustments and its address for the label. */
    public record ReturnWarehouse(String id, Address address) {
    }

    private final Config config;

    public ReturnWarehouses(Config config) {
        this.config = config;
    }

    public Optional<ReturnWarehouse> of(String tenantId) {
        String prefix = "waybill.returns.warehouse." + tenantId + ".";
        Optional<String> name = text(prefix + "name");
        List<String> lines = config.getOptionalValues(prefix + "lines", String.class).orElse(List.of()).stream()
                .map(String::strip).filter(line -> !line.isEmpty()).toList();
        Optional<String> city = text(prefix + "city");
        Optional<String> country = text(prefix + "country");
        if (name.isEmpty() && lines.isEmpty() && city.isEmpty() && country.isEmpty()) {
            return Optional.empty();
        }
        if (name.isEmpty() || lines.isEmpty() || city.isEmpty() || country.isEmpty()) {
            LOG.warnf("The returns warehouse of tenant %s needs name, lines, city and country: the shipment's sender"
                    + " receives its returns", tenantId);
            return Optional.empty();
        }
        Address address = new Address(name.get(), text(prefix + "company").orElse(null), lines, city.get(),
                text(prefix + "region").orElse(null), text(prefix + "postal-code").orElse(null), country.get(),
                text(prefix + "phone").orElse(null), text(prefix + "email").orElse(null));
        return Optional.of(new ReturnWarehouse(text(prefix + "id").orElse(name.get()), address));
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }
}
