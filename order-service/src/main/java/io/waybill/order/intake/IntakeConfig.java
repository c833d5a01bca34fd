package io.waybill.order.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Operator settings of intake validation ({@code waybill.intake.*}), e.g.
 * {@code waybill.intake.carriers.coordinadora.max-weight-grams=60000}.
 */
@ConfigMapping(prefix = "waybill.intake")
public interface IntakeConfig {

    /** Domestic Brazilian shipments must carry an NF-e. */
    @WithDefault("true")
    boolean nfeRequiredInBrazil();

    /** Limits for carriers without their own entry. */
    Limits defaultLimits();

    /** Limits per carrier code. */
    Map<String, Limits> carriers();

    interface Limits {
        @WithDefault("31500")
        int maxWeightGrams();

        @WithDefault("1200")
        int maxLengthMm();

        @WithDefault("3000")
        int maxLengthPlusGirthMm();
    }
}
