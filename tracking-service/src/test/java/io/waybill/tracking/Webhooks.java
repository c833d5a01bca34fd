package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import io.waybill.testing.TestTokens;
import java.time.Duration;

/** Webhooks are answered 202 once stored and applied by the worker: tests wait for the stored webhook's outcome. */
final class Webhooks {

    private Webhooks() {
    }

    /** Asserts the call was accepted and, once the worker processed it, had {@code outcome}; returns the webhook's id. */
    static long accepted(Response response, String outcome) {
        response.then().statusCode(202);
        long id = ((Number) response.path("id")).longValue();
        assertThat(processedOutcome(id)).isEqualTo(outcome);
        return id;
    }

    static String processedOutcome(long id) {
        String[] outcome = new String[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            Response stored = given().auth().oauth2(TestTokens.admin()).get("/api/v1/admin/webhooks/" + id);
            stored.then().statusCode(200);
            assertThat(stored.<String>path("state")).isEqualTo("PROCESSED");
            outcome[0] = stored.path("outcome");
        });
        return outcome[0];
    }
}
