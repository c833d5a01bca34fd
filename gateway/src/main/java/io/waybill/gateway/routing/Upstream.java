package io.waybill.gateway.routing;

import java.util.Locale;
import java.util.function.Function;

/** The services behind the gateway. */
public enum Upstream {

    ORDER_SERVICE(RoutesConfig::orderService),
    LABEL_SERVICE(RoutesConfig::labelService),
    TRACKING_SERVICE(RoutesConfig::trackingService),
    RETURNS_SERVICE(RoutesConfig::returnsService),
    FULFILLMENT_SERVICE(RoutesConfig::fulfillmentService);

    private final Function<RoutesConfig, RoutesConfig.Service> settings;

    Upstream(Function<RoutesConfig, RoutesConfig.Service> settings) {
        this.settings = settings;
    }

    public RoutesConfig.Service settings(RoutesConfig config) {
        return settings.apply(config);
    }

    /** As partners see it in error details and operators in logs, e.g. {@code order-service}. */
    public String serviceName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
