package io.waybill.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns which public path. Paths are matched whole against the normalized path (the same one
 * the HTTP permissions see); the first match wins, so the label route must stay ahead of the shipments route.
 */
public final class RouteTable {

    /** {@code name} keys the route's settings, e.g. {@code waybill.routes.route-timeouts.labels}. */
    public record Route(String name, Pattern path, Upstream upstream) {

        Route(String name, String regex, Upstream upstream) {
            this(name, Pattern.compile(regex), upstream);
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("labels", "/api/v1/shipments/[^/]+/label(?:/.*)?", Upstream.LABEL_SERVICE),
            new Route("shipments", "/api/v1/shipments(?:/.*)?", Upstream.ORDER_SERVICE),
            // label-service owns the carrier accounts, so it answers quotes and pickups (issue 4).
            new Route("quotes", "/api/v1/quotes(?:/.*)?", Upstream.LABEL_SERVICE),
            new Route("pickups", "/api/v1/pickups(?:/.*)?", Upstream.LABEL_SERVICE),
            new Route("carrier-accounts", "/api/v1/carrier-accounts(?:/.*)?", Upstream.LABEL_SERVICE),
            new Route("trackings", "/api/v1/trackings(?:/.*)?", Upstream.TRACKING_SERVICE),
            // Return labels are label-service's documents; the rest of a return is returns-service's.
            new Route("return-labels", "/api/v1/returns/[^/]+/label(?:/.*)?", Upstream.LABEL_SERVICE),
            new Route("returns", "/api/v1/returns(?:/.*)?", Upstream.RETURNS_SERVICE),
            new Route("fulfillment-orders", "/api/v1/fulfillment-orders(?:/.*)?", Upstream.FULFILLMENT_SERVICE),
            // Webhooks in: the more specific owners first, tracking-service takes the carriers' tracking pushes.
            new Route("return-webhooks", "/webhooks/returns/.+", Upstream.RETURNS_SERVICE),
            new Route("fulfillment-webhooks", "/webhooks/fulfillment/.+", Upstream.FULFILLMENT_SERVICE),
            new Route("carrier-webhooks", "/webhooks/.+", Upstream.TRACKING_SERVICE),
            // Operator endpoints (role admin only, see application.properties).
            new Route("admin-projections", "/api/v1/admin/projections/shipment-view(?:/.*)?", Upstream.ORDER_SERVICE),
            new Route("admin-return-projections", "/api/v1/admin/projections/return-view(?:/.*)?", Upstream.RETURNS_SERVICE),
            new Route("admin-webhooks", "/api/v1/admin/webhooks(?:/.*)?", Upstream.TRACKING_SERVICE),
            new Route("admin-trackings", "/api/v1/admin/trackings(?:/.*)?", Upstream.TRACKING_SERVICE));

    private RouteTable() {
    }

    public static Optional<Upstream> ownerOf(String path) {
        return ROUTES.stream()
                .filter(route -> route.path().matcher(path).matches())
                .map(Route::upstream)
                .findFirst();
    }
}
