package io.waybill.label.carrier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The carrier adapters installed in this service, by code. */
@ApplicationScoped
public class Carriers {

    private final Map<String, CarrierAdapter> byCode;

    public Carriers(Instance<CarrierAdapter> adapters) {
        this.byCode = adapters.stream().collect(Collectors.toMap(CarrierAdapter::code, Function.identity()));
    }

    public java.util.Collection<CarrierAdapter> all() {
        return byCode.values();
    }

    public Optional<CarrierAdapter> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.toLowerCase(java.util.Locale.ROOT)));
    }
}
