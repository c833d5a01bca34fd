package io.waybill.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.testing.TestTokens;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The role map, route class by route class: no token 401, wrong role 403, no tenant 403, right role through;
 * an oversized body 413 everywhere. Tenant isolation of proxied routes (another tenant's id -> 404) is the
 * services' own check, tested in each service; the gateway's own endpoints are tested in WebhookSubscriptionsApiTest.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class RouteClassesTest {

    static final String PROBLEM = "application/problem+json";

    /** One path per route class an ERP may use, with the status an allowed request gets in this test setup. */
    record RouteClass(String name, String path, int allowedStatus) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<RouteClass> erpClasses() {
        return List.of(
                new RouteClass("shipments", "/api/v1/shipments/s-1", 200),
                new RouteClass("shipments (collection)", "/api/v1/shipments", 200),
                new RouteClass("labels", "/api/v1/shipments/s-1/label", 200),
                new RouteClass("quotes", "/api/v1/quotes", 200),
                new RouteClass("pickups", "/api/v1/pickups/p-1", 200),
                new RouteClass("trackings", "/api/v1/trackings/sandbox/WB1", 200),
                // returns-service is down in this setup: allowed requests reach the proxy and get 503.
                new RouteClass("returns", "/api/v1/returns/r-1", 503),
                new RouteClass("carrier-accounts", "/api/v1/carrier-accounts/a-1", 200),
                // fulfillment-service is down in this setup too.
                new RouteClass("fulfillment-orders", "/api/v1/fulfillment-orders/s-1", 503),
                new RouteClass("webhook-subscriptions", "/api/v1/webhook-subscriptions", 200));
    }

    @ParameterizedTest
    @MethodSource("erpClasses")
    void withoutATokenIs401(RouteClass route) {
        given().get(route.path()).then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer")).body("type", endsWith("/unauthorized"));
        given().auth().oauth2(TestTokens.expired("acme")).get(route.path()).then().statusCode(401)
                .contentType(PROBLEM);
    }

    @ParameterizedTest
    @MethodSource("erpClasses")
    void aCarrierTokenOrATokenWithoutTenantIs403(RouteClass route) {
        given().auth().oauth2(TestTokens.carrier("routes")).get(route.path()).then().statusCode(403)
                .contentType(PROBLEM).body("type", endsWith("/forbidden"));
        given().auth().oauth2(TestTokens.token(null, List.of("erp"))).get(route.path()).then().statusCode(403)
                .contentType(PROBLEM);
        given().auth().oauth2(TestTokens.token("routes", List.of())).get(route.path()).then().statusCode(403)
                .contentType(PROBLEM);
    }

    @ParameterizedTest
    @MethodSource("erpClasses")
    void erpAndAdminGetThrough(RouteClass route) {
        given().auth().oauth2(TestTokens.erp("routes")).get(route.path()).then().statusCode(route.allowedStatus());
        given().auth().oauth2(TestTokens.admin()).get(route.path()).then().statusCode(route.allowedStatus());
    }

    @ParameterizedTest
    @MethodSource("erpClasses")
    void anOversizedBodyIs413(RouteClass route) {
        given().auth().oauth2(TestTokens.erp("routes")).contentType(ContentType.JSON)
                .body(new byte[GatewayTest.LIMIT + 1024])
                .post(route.path())
                .then().statusCode(413).contentType(PROBLEM).body("type", endsWith("/payload-too-large"));
    }

    @Test
    void operatorEndpointsAreForAdminOnly() {
        String rebuild = "/api/v1/admin/projections/shipment-view/rebuild";
        given().post(rebuild).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.erp("routes")).post(rebuild).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.carrier("routes")).post(rebuild).then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post(rebuild).then().statusCode(200)
                .body("service", equalTo("order-service"));
        // Anything else under /api that is no ERP route class is the operator's too.
        given().auth().oauth2(TestTokens.erp("routes")).get("/api/v1/something-new").then().statusCode(403);
    }

    @Test
    void carrierWebhooksNeedNoTokenTheirHmacIsCheckedByTrackingService() {
        // The carrier route class: carriers cannot present our OIDC tokens, they sign (docs/gateway.md).
        given().contentType(ContentType.JSON).body("{}").post("/webhooks/sandbox").then().statusCode(200)
                .body("service", equalTo("tracking-service"));
        given().auth().oauth2(TestTokens.erp("routes")).contentType(ContentType.JSON).body("{}")
                .post("/webhooks/sandbox").then().statusCode(200);
        given().contentType(ContentType.JSON).body(new byte[GatewayTest.LIMIT + 1024]).post("/webhooks/sandbox")
                .then().statusCode(413).contentType(PROBLEM);
        given().get("/webhooks/sandbox").then().statusCode(not(equalTo(401)));
    }
}
