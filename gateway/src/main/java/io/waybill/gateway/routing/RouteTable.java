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
            new Route("quotes", "/api/v1/quotes(?:/.*)?", Upstream.ORDER_SERVICE),
            new Route("pickups", "/api/v1/pickups(?:/.*)?", Upstream.ORDER_SERVICE),
            new Route("trackings", "/api/v1/trackings(?:/.*)?", Upstream.TRACKING_SERVICE),
            new Route("carrier-webhooks", "/webhooks/.+", Upstream.TRACKING_SERVICE),
            new Route("returns", "/api/v1/returns(?:/.*)?", Upstream.RETURNS_SERVICE),
            // Operator endpoints (role admin only, see application.properties).
            new Route("admin-projections", "/api/v1/admin/projections/shipment-view(?:/.*)?", Upstream.ORDER_SERVICE));

    private RouteTable() {
    }

    public static Optional<Upstream> ownerOf(String path) {
        return ROUTES.stream()
                .filter(route -> route.path().matcher(path).matches())
                .map(Route::upstream)
                .findFirst();
    }
}
