package io.waybill.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gateway in front of fake services, with real signed tokens. */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class GatewayTest {

    static final String ERP = TestTokens.erp("acme");
    /** A client of its own for the burst, so that its 64 requests stay within one rate-limit bucket (RateLimitTest). */
    static final String BURST_CLIENT = TestTokens.erp("burst");
    static final String PROBLEM = "application/problem+json";
    static final int LIMIT = 1024 * 1024;

    @TestHTTPResource("/api/v1/shipments")
    URI shipments;

    @Test
    void anErpRequestReachesTheServiceWithItsPathAndToken() {
        given().auth().oauth2(ERP).get("/api/v1/shipments/abc?expand=parcels")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("service", equalTo("order-service"))
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/api/v1/shipments/abc?expand=parcels"))
                .body("headers.authorization", equalTo("Bearer " + ERP))
                .body("headers.x-forwarded-proto", equalTo("http"))
                // The gateway's own Host, so that links the service builds point at the gateway.
                .body("headers.host", equalTo("localhost:" + shipments.getPort()));

        assertThat(GatewayTestResource.orders.received())
                .anySatisfy(received -> {
                    assertThat(received.uri()).isEqualTo("/api/v1/shipments/abc?expand=parcels");
                    assertThat(received.headers()).containsEntry("authorization", "Bearer " + ERP);
                });
    }

    @Test
    void theServicesStatusBodyAndHeadersComeBackUnchanged() {
        given().auth().oauth2(ERP).header("X-Fake-Status", "409").contentType(ContentType.JSON)
                .body("{\"carrier\":\"dhl\"}")
                .post("/api/v1/quotes")
                .then().statusCode(409).contentType(ContentType.JSON)
                .body("method", equalTo("POST"))
                .body("body", equalTo("{\"carrier\":\"dhl\"}"));
    }

    @Test
    void eachPathGoesToTheServiceThatOwnsIt() {
        given().auth().oauth2(ERP).get("/api/v1/shipments/abc/label").then().statusCode(200)
                .body("service", equalTo("label-service")).body("uri", equalTo("/api/v1/shipments/abc/label"));
        given().auth().oauth2(ERP).get("/api/v1/shipments/abc/label/zpl").then().statusCode(200)
                .body("service", equalTo("label-service"));
        given().auth().oauth2(ERP).get("/api/v1/shipments").then().statusCode(200)
                .body("service", equalTo("order-service"));
        given().auth().oauth2(ERP).post("/api/v1/pickups").then().statusCode(200)
                .body("service", equalTo("label-service"));
        given().auth().oauth2(ERP).get("/api/v1/carrier-accounts").then().statusCode(200)
                .body("service", equalTo("label-service"));
        given().auth().oauth2(ERP).get("/api/v1/returns/r-1/label").then().statusCode(200)
                .body("service", equalTo("label-service"));
        given().auth().oauth2(ERP).get("/api/v1/trackings/WB123").then().statusCode(200)
                .body("service", equalTo("tracking-service"));
    }

    @Test
    void withoutAValidTokenTheApiAnswers401AsProblemJson() {
        given().get("/api/v1/shipments/abc")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401)).body("type", endsWith("/unauthorized"));
        given().auth().oauth2(TestTokens.forged("acme")).get("/api/v1/shipments/abc")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.expired("acme")).get("/api/v1/shipments/abc")
                .then().statusCode(401).contentType(PROBLEM);
        // (The gateway's own fetch of the service's OpenAPI document needs no token; ApiDocsTest.)
        assertThat(GatewayTestResource.orders.received()).filteredOn(r -> !r.uri().startsWith("/q/openapi"))
                .noneMatch(r -> r.headers().get("authorization") == null);
    }

    @Test
    void aCarrierTokenOrATokenWithoutTenantIs403AsProblemJson() {
        given().auth().oauth2(TestTokens.carrier("dhl")).get("/api/v1/shipments/abc")
                .then().statusCode(403).contentType(PROBLEM)
                .body("status", equalTo(403)).body("type", endsWith("/forbidden"));
        given().auth().oauth2(TestTokens.token(null, List.of("erp"))).get("/api/v1/shipments/abc")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/shipments/abc")
                .then().statusCode(200);
    }

    @Test
    void aWebhookNeedsNoTokenAndIsForwardedAsItCame() {
        String body = "{\"event\":\"delivered\",\"id\":\"" + UUID.randomUUID() + "\"}";
        given().header("X-Waybill-Signature", "sha256=abc").contentType(ContentType.JSON).body(body)
                .post("/webhooks/sandbox")
                .then().statusCode(200)
                .body("service", equalTo("tracking-service"))
                .body("uri", equalTo("/webhooks/sandbox"))
                .body("body", equalTo(body))
                .body("headers.x-waybill-signature", equalTo("sha256=abc"))
                .body("headers.authorization", nullValue());
    }

    @Test
    void aServiceThatIsDownIs503Quickly() {
        long started = System.nanoTime();
        given().auth().oauth2(ERP).get("/api/v1/returns/r-1")
                .then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", equalTo("5"))
                .body("type", endsWith("/service-unavailable"))
                .body("detail", containsString("returns-service"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aServiceSilentForLongerThanItsTimeoutIs504() {
        long started = System.nanoTime();
        given().auth().oauth2(ERP).get("/api/v1/quotes/slow")
                .then().statusCode(504).contentType(PROBLEM)
                .body("type", endsWith("/gateway-timeout"))
                .body("detail", containsString("label-service"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900))
                .isLessThan(Duration.ofMillis(FakeUpstream.SLOW_MILLIS));
    }

    @Test
    void aRouteWithATimeoutOfItsOwnWaitsThatLongNotTheServices() {
        // pickups (label-service) has route-timeouts.pickups=3s; label-service's own is 1s.
        long started = System.nanoTime();
        given().auth().oauth2(ERP).get("/api/v1/pickups/slow")
                .then().statusCode(504).contentType(PROBLEM)
                .body("detail", containsString("within 3000 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2_900))
                .isLessThan(Duration.ofMillis(FakeUpstream.SLOW_MILLIS));
    }

    @Test
    void aBodyOverTheLimitIs413AndNeverReachesTheService() {
        String marker = "/api/v1/shipments/too-large-" + UUID.randomUUID();
        given().auth().oauth2(ERP).contentType(ContentType.BINARY).body(new byte[LIMIT + 512 * 1024])
                .post(marker)
                .then().statusCode(413).contentType(PROBLEM).body("type", endsWith("/payload-too-large"));
        assertThat(GatewayTestResource.orders.received()).noneMatch(r -> r.uri().equals(marker));
        given().auth().oauth2(ERP).get("/api/v1/shipments/after-413").then().statusCode(200);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        HttpResponse<String> response = sendChunked(LIMIT + 512 * 1024, "chunked-too-large");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.body()).contains("payload-too-large");
    }

    @Test
    void bodiesUpToTheLimitAreForwardedWhole() throws Exception {
        given().auth().oauth2(ERP).contentType(ContentType.BINARY).body(new byte[LIMIT])
                .post("/api/v1/shipments/at-limit")
                .then().statusCode(200).body("bodyLength", equalTo(LIMIT));
        HttpResponse<String> chunked = sendChunked(LIMIT, "chunked-at-limit");
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).contains("\"bodyLength\":" + LIMIT);
    }

    @Test
    void aPathAndQueryOverTheLimitIs414AsProblemJsonAndNeverReachesTheService() {
        String marker = "/api/v1/shipments/long-" + UUID.randomUUID();
        // Over the gateway's 4000 but under its 64K line limit: the gateway answers, not Vert.x' codec.
        given().auth().oauth2(ERP).get(marker + "?orderRef=" + "x".repeat(5000))
                .then().statusCode(414).contentType(PROBLEM).body("type", endsWith("/uri-too-long"));
        assertThat(GatewayTestResource.orders.received()).noneMatch(r -> r.uri().startsWith(marker));
        // Just under the limit it is forwarded.
        given().auth().oauth2(ERP).get(marker + "?orderRef=" + "x".repeat(3900)).then().statusCode(200);
    }

    @Test
    void theGatewaysOwnEndpointsAnswerAWrongMediaTypeAs415ProblemJson() {
        given().auth().oauth2(ERP).contentType(ContentType.TEXT).body("url=https://example.com")
                .post("/api/v1/webhook-subscriptions")
                .then().statusCode(415).contentType(PROBLEM).body("type", endsWith("/unsupported-media-type"))
                .body("status", equalTo(415));
    }

    @Test
    void unknownPathsAre404AsProblemJson() {
        given().get("/nowhere").then().statusCode(404).contentType(PROBLEM);
        // Under /api, paths outside the partner route classes are the operator's: 403 for an ERP, 404 for admin.
        given().auth().oauth2(ERP).get("/api/v1/nothing-here").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void healthIsPublic() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aClientThatWaitsFor100ContinueGetsItAndItsBodyIsForwarded() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(shipments + "/expecting"))
                .header("Authorization", "Bearer " + ERP)
                .header("Content-Type", "application/octet-stream")
                .expectContinue(true)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024]))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"bodyLength\":" + 64 * 1024);
    }

    @Test
    void aBurstLargerThanThePoolQueuesForConnectionsAndNoneIsLeaked() throws Exception {
        // 60 POSTs with bodies at once, 4 connections, 150 ms each: the last ones wait ~2 s for a connection.
        // They must all get through (no 503 while the service is merely busy), and afterwards every pooled
        // connection must be free again (no request left holding one until its timeout).
        int burst = 60;
        String run = UUID.randomUUID().toString();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(shipments + "/burst-" + run + "-" + i))
                    .header("Authorization", "Bearer " + BURST_CLIENT)
                    .header("Content-Type", "application/json")
                    .header("X-Fake-Delay-Millis", "150")
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reference\":\"" + run + "-" + i + "\"}"))
                    .build();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(GatewayTestResource.orders.received())
                .filteredOn(received -> received.uri().contains("/burst-" + run + "-"))
                .hasSize(burst)
                .allSatisfy(received -> {
                    assertThat(received.method()).isEqualTo("POST");
                    assertThat(received.bodyLength()).isGreaterThan(0);
                });

        // As many parallel requests as there are connections: each answers at once only if none is still taken.
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> after = new ArrayList<>();
        for (int i = 0; i < GatewayTestResource.MAX_CONNECTIONS; i++) {
            after.add(client.sendAsync(HttpRequest.newBuilder(URI.create(shipments + "/after-burst-" + i))
                    .header("Authorization", "Bearer " + BURST_CLIENT)
                    .header("X-Fake-Delay-Millis", "500")
                    .timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : after) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(950));
    }

    /** java.net.http sends a body of unknown length chunked, which rest-assured does not do. */
    private HttpResponse<String> sendChunked(int size, String id) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(shipments + "/" + id))
                .header("Authorization", "Bearer " + ERP)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size])))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
