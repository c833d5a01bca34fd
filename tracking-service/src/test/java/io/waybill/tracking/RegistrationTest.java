package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestTokens;
import io.waybill.tracking.registering.CarrierDetection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Registering numbers made outside Waybill through the API, singly and in batches. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class RegistrationTest {

    /** A fresh valid sandbox S10 number whose serial ends in {@code lastDigit}. */
    static String sandboxNumber(int lastDigit) {
        String serial = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000)) + lastDigit;
        return "SB" + serial + CarrierDetection.checkDigit(serial) + "WB";
    }

    @Test
    void aSandboxNumberIsDetectedAndGetsASyntheticShipmentId() {
        String number = sandboxNumber(3);
        String shipmentId = given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", number.toLowerCase(), "reference", "PO-77"))
                .post("/api/v1/trackings").then().statusCode(201)
                .body("carrier", equalTo("sandbox")).body("trackingNumber", equalTo(number))
                .body("shipmentId", startsWith("trk-")).extract().path("shipmentId");

        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body(Map.of("trackingNumber", number))
                .post("/api/v1/trackings").then().statusCode(200).body("shipmentId", equalTo(shipmentId));
        given().auth().oauth2(TestTokens.erp("globex")).contentType("application/json").body(Map.of("trackingNumber", number))
                .post("/api/v1/trackings").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/sandbox/" + number).then().statusCode(200)
                .body("shipmentId", equalTo(shipmentId)).body("reference", equalTo("PO-77"));
    }

    @Test
    void undetectableNumbersAndUnknownCarriersAre422() {
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", "SB000000000WB")).post("/api/v1/trackings").then().statusCode(422)
                .contentType("application/problem+json").body("detail", startsWith("carrier could not be detected"));
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", "ABC12345", "carrier", "nosuch")).post("/api/v1/trackings").then()
                .statusCode(422);
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", "ABC12345", "carrier", "sandbox")).post("/api/v1/trackings").then()
                .statusCode(201);
        given().auth().oauth2(TestTokens.carrier("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", sandboxNumber(1))).post("/api/v1/trackings").then().statusCode(403);
        given().contentType("application/json").body(Map.of("trackingNumber", sandboxNumber(1)))
                .post("/api/v1/trackings").then().statusCode(401);
    }

    @Test
    void aBatchAnswersPerItemAndRefusesMoreThanAThousand() {
        String good = sandboxNumber(2);
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("items", List.of(Map.of("trackingNumber", good), Map.of("trackingNumber", "XX123"),
                        Map.of("carrier", "sandbox"))))
                .post("/api/v1/trackings/batch").then().statusCode(200)
                .body("registered", equalTo(1)).body("failed", equalTo(2))
                .body("results[0].status", equalTo(201)).body("results[0].carrier", equalTo("sandbox"))
                .body("results[1].status", equalTo(422)).body("results[1].detail", startsWith("carrier could not be detected"))
                .body("results[2].status", equalTo(422)).body("results[2].index", equalTo(2));

        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            tooMany.add(Map.of("trackingNumber", "N" + i + "000"));
        }
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body(Map.of("items", tooMany))
                .post("/api/v1/trackings/batch").then().statusCode(413).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json").body(Map.of("items", List.of()))
                .post("/api/v1/trackings/batch").then().statusCode(422);
    }
}
