package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Webhooks of carriers other than the sandbox go through their plug-in (here Coordinadora's, signed). */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class CarrierWebhookTest {

    static final String SECRET = "test-coordinadora-webhook-secret";

    static String guide() {
        return String.format("9%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
    }

    @Test
    void aSignedCoordinadoraWebhookIsAppliedOnceAndOrphansWaitForRegistration() {
        String number = guide();
        String body = webhook(number, "2026-11-25", "10:15:00");
        Webhooks.accepted(post("coordinadora", body, sign(body)), "ORPHAN");

        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body(Map.of("trackingNumber", number))
                .post("/api/v1/trackings").then().statusCode(201).body("carrier", equalTo("coordinadora"));
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/coordinadora/" + number).then().statusCode(200)
                .body("events.size()", equalTo(1)).body("events[0].source", equalTo("WEBHOOK"))
                .body("events[0].occurredAt", equalTo("2026-11-25T10:15:00-05:00"));

        Webhooks.accepted(post("coordinadora", body, sign(body)), "DUPLICATE");
        String later = webhook(number, "2026-11-25", "15:00:00");
        Webhooks.accepted(post("coordinadora", later, sign(later)), "APPLIED");
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/coordinadora/" + number).then().statusCode(200)
                .body("events.size()", equalTo(2));
    }

    @Test
    void badSignaturesMalformedBodiesAndUnknownCarriers() {
        String body = webhook(guide(), "2026-11-25", "10:15:00");
        post("coordinadora", body, "00ff").then().statusCode(401).contentType("application/problem+json");
        post("coordinadora", body, null).then().statusCode(401);
        String malformed = "{\"eventos\":[]}";
        post("coordinadora", malformed, sign(malformed)).then().statusCode(400).contentType("application/problem+json");
        post("nosuch", body, null).then().statusCode(404).contentType("application/problem+json");
    }

    static String webhook(String number, String fecha, String hora) {
        return "{\"codigo_remision\":\"" + number + "\",\"eventos\":[{\"tipo\":\"estado\",\"codigo\":\"1\","
                + "\"descripcion\":\"GUIA GENERADA\",\"ciudad\":\"BOGOTA\",\"fecha\":\"" + fecha + "\",\"hora\":\"" + hora
                + "\"}]}";
    }

    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.Response post(String carrier, String body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Coordinadora-Signature", signature);
        }
        return request.post("/webhooks/" + carrier);
    }
}
