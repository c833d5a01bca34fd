package io.waybill.carriers.coordinadora;

import java.util.Map;
import java.util.Optional;

/**
 * Waybill service codes and Coordinadora's {@code nivel_servicio}. ASSUMED: the public examples only
 * show {@code nivel_servicio: [0]}; the levels an account may use come with its agreement.
 */
final class CoordinadoraServices {

    static final String STANDARD = "standard";

    private static final Map<String, Integer> LEVELS = Map.of(STANDARD, 0);

    private CoordinadoraServices() {
    }

    static Optional<Integer> level(String service) {
        return Optional.ofNullable(service == null ? LEVELS.get(STANDARD) : LEVELS.get(service));
    }
}
