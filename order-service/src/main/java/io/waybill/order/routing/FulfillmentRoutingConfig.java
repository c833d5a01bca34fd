package io.waybill.order.routing;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which shipments a fulfillment partner (3PL warehouse) ships instead of a carrier label
 * ({@code waybill.fulfillment.routing.*}, ADR 0091), e.g.
 * {@code waybill.fulfillment.routing.tenants.acme.partner=ongoing} and
 * {@code waybill.fulfillment.routing.warehouses."Almacén Central".partner=file-drop}.
 */
@ConfigMapping(prefix = "waybill.fulfillment.routing")
public interface FulfillmentRoutingConfig {

    /** The partner codes fulfillment-service has installed; a request naming another is refused (422). */
    Optional<List<String>> partners();

    /** Per tenant id: every shipment of the tenant goes to this partner. */
    Map<String, Route> tenants();

    /** Per warehouse (the sender's name): shipments from this warehouse go to this partner; wins over the tenant's route. */
    Map<String, Route> warehouses();

    interface Route {
        String partner();

        /** The partner's warehouse code; empty: the partner's default. */
        Optional<String> warehouse();
    }
}
