package io.waybill.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** CORS is off by default; %test turns it on for one origin (application.properties) to show the configuration works. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class CorsTest {

    @Test
    void aPreflightFromTheConfiguredOriginIsAllowed() {
        given().header("Origin", "https://erp.example.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .options("/api/v1/shipments")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://erp.example.test"))
                .header("Access-Control-Allow-Methods", containsString("POST"));
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/shipments")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
