package io.waybill.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.waybill.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every proxied route class against broken services (BrokenServicesGarbageFirstTest, BrokenServicesDownFirstTest):
 * order- and label-service answer garbage (not HTTP) -> 502,
 * tracking- and returns-service are down -> 503 quickly. Then the same with the roles swapped, so each route
 * class sees both (two profiles, one restart each).
 */
final class BrokenServices {

    private BrokenServices() {
    }


    static final String PROBLEM = "application/problem+json";

    record Route(String path, String service, boolean garbageInFirstProfile) {
        @Override
        public String toString() {
            return path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route("/api/v1/shipments/s-1", "order-service", true),
                new Route("/api/v1/shipments/s-1/label", "label-service", true),
                new Route("/api/v1/quotes", "label-service", true),
                new Route("/api/v1/pickups/p-1", "label-service", true),
                new Route("/api/v1/trackings/sandbox/WB1", "tracking-service", false),
                new Route("/webhooks/sandbox", "tracking-service", false),
                new Route("/api/v1/returns/r-1", "returns-service", false));
    }

    static void assertFailure(Route route, boolean garbage) {
        // The first request after start also warms up token verification and the proxy (seconds on a loaded
        // machine); the answer must already be right, but only the next one is timed.
        check(route, garbage);
        long started = System.nanoTime();
        check(route, garbage);
        // Far below the 10 s route timeout: a refused connection or a garbage answer is not waited for.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private static void check(Route route, boolean garbage) {
        var response = route.path().startsWith("/webhooks")
                ? given().contentType("application/json").body("{}").post(route.path())
                : given().auth().oauth2(TestTokens.erp("broken")).get(route.path());
        if (garbage) {
            response.then().statusCode(502).contentType(PROBLEM).body("type", endsWith("/bad-gateway"))
                    .body("detail", containsString(route.service()));
        } else {
            response.then().statusCode(503).contentType(PROBLEM).header("Retry-After", equalTo("5"))
                    .body("type", endsWith("/service-unavailable")).body("detail", containsString(route.service()));
        }
    }

    /** order/label garbage, tracking/returns down. */
    public static class GarbageFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return services(true);
        }
    }

    /** The other way round. */
    public static class DownFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return services(false);
        }
    }

    private static Map<String, String> services(boolean garbageFromOrderAndLabel) {
        String garbage = GarbageUpstream.start().url();
        String down = "http://127.0.0.1:" + FakeUpstream.closedPort();
        String first = garbageFromOrderAndLabel ? garbage : down;
        String second = garbageFromOrderAndLabel ? down : garbage;
        return Map.of("waybill.routes.order-service.url", first,
                "waybill.routes.label-service.url", first,
                "waybill.routes.tracking-service.url", second,
                "waybill.routes.returns-service.url", second);
    }
}
