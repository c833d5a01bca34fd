package io.waybill.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merged OpenAPI document. The services here are FakeUpstreams serving trimmed copies of the services'
 * documents (test resources fake-openapi/, same paths as the real services' resources); what is verified is the
 * fetching, filtering to routed paths, component merging, caching and the down-service case, not the services'
 * own documents (the e2e suite, with the real services running, is where those meet).
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class ApiDocsTest {

    @Test
    void oneDocumentHoldsTheGatewaysAndEveryReachableServicesPublicPaths() {
        JsonPath doc = given().get("/openapi").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys(
                // the gateway's own
                "/api/v1/webhook-subscriptions", "/api/v1/webhook-subscriptions/{id}",
                "/api/v1/webhook-subscriptions/{id}/deliveries",
                "/api/v1/webhook-subscriptions/{id}/deliveries/{deliveryId}/redeliver",
                // order-service
                "/api/v1/shipments", "/api/v1/shipments/{id}", "/api/v1/shipments/{id}/cancel",
                "/api/v1/admin/projections/shipment-view/rebuild",
                // label-service
                "/api/v1/shipments/{id}/label",
                // tracking-service
                "/api/v1/trackings", "/api/v1/trackings/batch", "/api/v1/trackings/{carrier}/{trackingNumber}",
                "/webhooks/{carrier}");
        // Not routed by the gateway, so not public; the document endpoint itself is not an API.
        assertThat(paths).doesNotContainKeys("/internal/debug/outbox", "/openapi");
        assertThat(doc.getString("info.title")).isEqualTo("Waybill API");
        assertThat(doc.getMap("components.schemas")).containsKeys("ShipmentView", "ShipmentRequest", "Problem",
                "Subscription", "SubscriptionRequest");
        assertThat(doc.getString("paths.'/api/v1/shipments/{id}'.get.responses.'200'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/ShipmentView");
        // label-service's Problem differs from order-service's: the first is kept, the clash is reported.
        assertThat(doc.getList("x-waybill-component-clashes", String.class))
                .contains("schemas/Problem (label-service)");
        // returns-service is down in this setup: left out and said so.
        assertThat(doc.getString("x-waybill-sources.returns-service")).isEqualTo("unavailable");
        assertThat(doc.getString("x-waybill-sources.order-service")).startsWith("4 path(s)");
    }

    @Test
    void servicesDocumentsAreCached() {
        given().get("/openapi").then().statusCode(200);
        long fetches = openApiFetches();
        given().get("/openapi").then().statusCode(200);
        given().get("/openapi").then().statusCode(200);
        assertThat(openApiFetches()).isEqualTo(fetches);
    }

    @Test
    void swaggerUiOffersTheMergedDocument() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("/openapi"));
    }

    private static long openApiFetches() {
        return GatewayTestResource.orders.received().stream().filter(r -> r.uri().startsWith("/q/openapi")).count();
    }
}
