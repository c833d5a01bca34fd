package io.waybill.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.testing.TestTokens;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token buckets per client and route class ({@code %test}: api 100 at once + 20/s, webhooks 40 + 20/s). A burst
 * far over the bucket gets 429 with Retry-After; other clients are not affected.
 */
@QuarkusTest
@QuarkusTestResource(GatewayTestResource.class)
class RateLimitTest {

    static final int BURST = 250;

    @TestHTTPResource("/")
    URI gateway;

    static List<String> apiRouteClasses() {
        return RouteClassesTest.erpClasses().stream().map(RouteClassesTest.RouteClass::path).toList();
    }

    @ParameterizedTest
    @MethodSource("apiRouteClasses")
    void aClientOverItsApiBucketGets429WithRetryAfterAndOthersDoNot(String path) throws Exception {
        // A client of its own (azp client-<tenant>), so the other tests' buckets are untouched.
        String greedy = TestTokens.erp("greedy-" + UUID.randomUUID().toString().substring(0, 8));
        List<HttpResponse<String>> answers = burst(path, greedy, BURST);

        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        // 250 at once against 100 + 20/s: at least 100 must be refused unless the burst took over 2.5 s.
        assertThat(limited).hasSizeGreaterThanOrEqualTo(50);
        assertThat(answers).filteredOn(r -> r.statusCode() != 429).hasSizeGreaterThanOrEqualTo(100);
        assertThat(limited).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(r.headers().firstValueAsLong("Retry-After").orElse(0)).isBetween(1L, 5L);
            assertThat(r.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            assertThat(r.body()).contains("\"status\":429").contains("too-many-requests");
        });

        // Another client is served at once.
        given().auth().oauth2(TestTokens.erp("patient-" + UUID.randomUUID().toString().substring(0, 8)))
                .get(path).then().statusCode(org.hamcrest.Matchers.not(429));
    }

    @Test
    void anonymousCallersAreLimitedByAddressOnPublicRoutesAndServedAgainAfterRetryAfter() throws Exception {
        List<HttpResponse<String>> answers = burst("/webhooks/sandbox", null, 120);
        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).hasSizeGreaterThanOrEqualTo(20);
        long retryAfter = limited.stream().mapToLong(r -> r.headers().firstValueAsLong("Retry-After").orElse(0))
                .max().orElseThrow();
        assertThat(retryAfter).isBetween(1L, 5L);

        // Waiting as told (plus the refill of the whole bucket, so the other tests' webhooks are not limited).
        Thread.sleep(Duration.ofSeconds(Math.max(retryAfter, 3)).toMillis());
        given().post("/webhooks/sandbox").then().statusCode(200);
    }

    private List<HttpResponse<String>> burst(String path, String token, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (path.startsWith("/webhooks")) {
                request.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
            }
            pending.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : pending) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }
}
