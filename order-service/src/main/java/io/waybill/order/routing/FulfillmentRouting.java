package io.waybill.order.routing;

import io.waybill.contracts.Fulfillment;
import io.waybill.order.platform.Problem.Violation;
import io.waybill.order.shipment.ShipmentDetails;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a fulfillment partner ships a shipment (ADR 0091): the request's own
 * {@code fulfillment} first, then the route of its warehouse (the sender's name), then the tenant's.
 * Without any, a carrier label is bought as before.
 */
@ApplicationScoped
public class FulfillmentRouting {

    private static final Pattern PARTNER_CODE = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

    private final Optional<List<String>> partners;
    private final Map<String, FulfillmentRoutingConfig.Route> byTenant;
    private final Map<String, FulfillmentRoutingConfig.Route> byWarehouse;

    @Inject
    public FulfillmentRouting(FulfillmentRoutingConfig config) {
        this(config.partners(), config.tenants(), config.warehouses());
    }

    FulfillmentRouting(Optional<List<String>> partners, Map<String, FulfillmentRoutingConfig.Route> byTenant,
            Map<String, FulfillmentRoutingConfig.Route> byWarehouse) {
        this.partners = partners;
        this.byTenant = Map.copyOf(byTenant);
        this.byWarehouse = Map.copyOf(byWarehouse);
    }

    /** What is wrong with the request's {@code fulfillment}, if it names one. */
    public List<Violation> violations(ShipmentDetails request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null || request.fulfillment() == null) {
            return violations;
        }
        Fulfillment f = request.fulfillment();
        if (f.partner() == null || f.partner().isBlank()) {
            violations.add(new Violation("fulfillment.partner", "is required when fulfillment is given"));
        } else if (!PARTNER_CODE.matcher(f.partner()).matches()) {
            violations.add(new Violation("fulfillment.partner", "must be a partner code in lower case, e.g. ongoing"));
        } else if (partners.isPresent() && !partners.get().contains(f.partner())) {
            violations.add(new Violation("fulfillment.partner", "is not an installed fulfillment partner " + partners.get()));
        }
        if (f.warehouse() != null && (f.warehouse().isBlank() || f.warehouse().length() > 100)) {
            violations.add(new Violation("fulfillment.warehouse", "must be 1 to 100 characters"));
        }
        return violations;
    }

    /** {@code details} with the fulfillment partner set when the request or a route names one. */
    public ShipmentDetails route(String tenant, ShipmentDetails details) {
        if (details.fulfillment() != null) {
            return details;
        }
        FulfillmentRoutingConfig.Route route = details.sender() == null ? null : byWarehouse.get(details.sender().name());
        if (route == null) {
            route = byTenant.get(tenant);
        }
        if (route == null) {
            return details;
        }
        return new ShipmentDetails(details.orderReference(), details.sender(), details.recipient(), details.parcels(),
                details.carrier(), details.service(), details.selectionRule(), details.labelFormat(), details.fiscalDocument(),
                new Fulfillment(route.partner(), route.warehouse().orElse(null)));
    }
}
