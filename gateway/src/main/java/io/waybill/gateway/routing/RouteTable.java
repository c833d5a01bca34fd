package io.waybill.gateway.routing;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns which public path. Paths are matched whole against the normalized path (the same one
 * the HTTP permissions see); the first match wins, so the label route must stay ahead of the shipments route.
 */
public final class RouteTable {

    public record Route(Pattern path, Upstream upstream) {

        Route(String regex, Upstream upstream) {
            this(Pattern.compile(regex), upstream);
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("/api/v1/shipments/[^/]+/label(?:/.*)?", Upstream.LABEL_SERVICE),
            new Route("/api/v1/shipments(?:/.*)?", Upstream.ORDER_SERVICE),
            new Route("/api/v1/quotes(?:/.*)?", Upstream.ORDER_SERVICE),
            new Route("/api/v1/pickups(?:/.*)?", Upstream.ORDER_SERVICE),
            new Route("/api/v1/trackings(?:/.*)?", Upstream.TRACKING_SERVICE),
            new Route("/webhooks/.+", Upstream.TRACKING_SERVICE),
            new Route("/api/v1/returns(?:/.*)?", Upstream.RETURNS_SERVICE),
            // Operator endpoints (role admin only, see application.properties).
            new Route("/api/v1/admin/projections/shipment-view(?:/.*)?", Upstream.ORDER_SERVICE));

    private RouteTable() {
    }

    public static Optional<Upstream> ownerOf(String path) {
        return ROUTES.stream()
                .filter(route -> route.path().matcher(path).matches())
                .map(Route::upstream)
                .findFirst();
    }
}
