package io.waybill.gateway.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.waybill.gateway.GatewayTestResource;
import io.waybill.testing.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The gateway's own webhook-subscription endpoints: validation, secret handling, tenant isolation. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class WebhookSubscriptionsApiTest {

    static final String PROBLEM = "application/problem+json";
    static final String STATUS_CHANGED = "io.waybill.shipment.status-changed.v1";

    @Test
    void aSubscriptionShowsItsSecretOnceAndKeepsItEncrypted() throws Exception {
        String tenant = "api-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://erp.example.com/waybill/events", "eventTypes",
                        List.of(STATUS_CHANGED, STATUS_CHANGED), "description", "ERP production"))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/webhook-subscriptions/"))
                .body("secret", startsWith("whsec_"))
                .body("eventTypes", equalTo(List.of(STATUS_CHANGED)))
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");

        given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("url", equalTo("https://erp.example.com/waybill/events"))
                .body("description", equalTo("ERP production"))
                .body("createdAt", equalTo(created.getString("createdAt")))
                .body("secret", nullValue());
        given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/webhook-subscriptions")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(id))
                .body("[0].secret", nullValue());

        // At rest only ciphertext: the secret's bytes are nowhere in the row.
        try (Connection c = DriverManager.getConnection(config("quarkus.datasource.jdbc.url"),
                config("quarkus.datasource.username"), config("quarkus.datasource.password"));
                PreparedStatement select = c.prepareStatement(
                        "SELECT secret_ciphertext::text AS stored FROM webhook_subscription WHERE id = ?::uuid")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("stored")).doesNotContain(secret)
                        .doesNotContain(java.util.HexFormat.of().formatHex(secret.getBytes()));
            }
        }

        given().auth().oauth2(TestTokens.erp(tenant)).delete("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(204);
        given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.erp(tenant)).delete("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anotherTenantsSubscriptionIsNotFoundForEveryEndpointThatTakesAnId() {
        String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(TestTokens.erp(owner)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://owner.example.com/hooks", "eventTypes", List.of(STATUS_CHANGED)))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        String intruder = TestTokens.erp("intruder-" + UUID.randomUUID().toString().substring(0, 8));

        given().auth().oauth2(intruder).get("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(404).contentType(PROBLEM).body("type", endsWith("/not-found"));
        given().auth().oauth2(intruder).delete("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(intruder).get("/api/v1/webhook-subscriptions/" + id + "/deliveries")
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(intruder).post("/api/v1/webhook-subscriptions/" + id + "/deliveries/"
                + UUID.randomUUID() + "/redeliver").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(intruder).get("/api/v1/webhook-subscriptions").then().statusCode(200)
                .body("$", hasSize(0));
        // Still there for its owner.
        given().auth().oauth2(TestTokens.erp(owner)).get("/api/v1/webhook-subscriptions/" + id)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.erp(owner)).get("/api/v1/webhook-subscriptions/not-a-uuid")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anInvalidRequestIs422ListingEveryViolationAndNothingIsStored() {
        String tenant = "invalid-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://erp.example.com/hooks", "eventTypes",
                        List.of(STATUS_CHANGED, "io.waybill.nothing.v1"), "description", "x".repeat(501)))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(422).contentType(PROBLEM)
                .body("violations", hasSize(3))
                .body("violations.field", equalTo(List.of("url", "eventTypes[1]", "description")))
                .body("violations[0].message", equalTo("must use https"));
        given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://user:pw@erp.example.com/hooks", "eventTypes", List.of()))
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(422).contentType(PROBLEM)
                .body("violations.field", equalTo(List.of("url", "eventTypes")));
        given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(422).body("violations.field", equalTo(List.of("url", "eventTypes")));
        given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON).body("{\"url\": ")
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(400).contentType(PROBLEM).body("type", endsWith("/malformed-request"));
        given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON).body("{\"eventTypes\": 5}")
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/webhook-subscriptions")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void plainHttpIsAllowedOnlyForLoopbackReceiversAndOnlyUnderTheDevTestFlag() {
        String tenant = "loopback-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://localhost:9999/hooks", "eventTypes", List.of(STATUS_CHANGED)))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201);
        given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://10.0.0.5/hooks", "eventTypes", List.of(STATUS_CHANGED)))
                .post("/api/v1/webhook-subscriptions").then().statusCode(422);
    }

    @Test
    void listingDeliveriesWithAnUnknownStatusIs400() {
        String tenant = "status-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(TestTokens.erp(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://erp.example.com/hooks", "eventTypes", List.of(STATUS_CHANGED)))
                .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/webhook-subscriptions/" + id + "/deliveries?status=lost")
                .then().statusCode(400).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.erp(tenant)).get("/api/v1/webhook-subscriptions/" + id + "/deliveries?status=parked")
                .then().statusCode(200).body("$", hasSize(0));
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse("");
    }
}
