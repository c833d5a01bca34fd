package io.waybill.label.carriercalls;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.Transactions;
import io.waybill.label.labelling.LabelFixtures;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants' carrier accounts: stored sealed, checked with the carrier (Koiki stood in by WireMock)
 * asynchronously, used for the tenant's labels, never shown, isolated per tenant.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_ft_test"))
@QuarkusTestResource(KoikiStandIn.class)
class CarrierAccountsTest {

    private static final String URL = "/api/v1/carrier-accounts";

    @Inject
    EventStore store;

    @BeforeEach
    void freshCarrier() {
        KoikiStandIn.server.resetAll();
    }

    /** The other tests of this app buy acme's Koiki labels with the configured account: leave no tenant account behind. */
    @AfterEach
    void noAccountsLeft() {
        Transactions.inTransaction(store.dataSource(), c -> c.createStatement().executeUpdate("DELETE FROM carrier_accounts"));
    }

    @Test
    void anAccountIsSealedCheckedAndUsedForTheTenantsLabels() throws Exception {
        String token = "acme-own-koiki-" + UUID.randomUUID();
        // Koiki's answer to a token check (altaEnvios without envíos) for a token it knows.
        KoikiStandIn.server.stubFor(post(urlEqualTo(KoikiStandIn.ALTA)).withRequestBody(matchingJsonPath("$.token", equalTo(token)))
                .willReturn(okJson("{\"respuesta\":\"101\",\"mensaje\":\"OK\",\"envios\":[]}")).atPriority(5));
        String acme = TestTokens.erp("acme");

        String id = given().auth().oauth2(acme).contentType(ContentType.JSON).body(Map.of("carrier", "koiki", "name",
                        "Koiki ES", "settings", Map.of("token", token, "baseUrl", KoikiStandIn.server.baseUrl(), "timeoutMs", "2500")))
                .post(URL).then().statusCode(202).header("Location", org.hamcrest.Matchers.containsString(URL + "/"))
                .body("status", is("PENDING")).body("secretSettings", hasItem("token"))
                .body("settings.baseUrl", is(KoikiStandIn.server.baseUrl()))
                .body(not(org.hamcrest.Matchers.containsString(token)))
                .extract().path("id");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(acme).get(URL + "/" + id)
                .then().statusCode(200).body("status", is("SYNCED")));
        assertThat(given().auth().oauth2(acme).get(URL).then().statusCode(200).extract().asString())
                .contains(id).doesNotContain(token);
        assertThat(new String(sealedSettings(id), StandardCharsets.ISO_8859_1)).as("credentials at rest are not in the clear")
                .doesNotContain(token).isNotEmpty();

        // Another tenant sees nothing of it.
        String globex = TestTokens.erp("globex");
        given().auth().oauth2(globex).get(URL + "/" + id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(globex).delete(URL + "/" + id).then().statusCode(404);
        assertThat(given().auth().oauth2(globex).get(URL).then().statusCode(200).extract().asString()).doesNotContain(id);

        // The tenant's label is bought with the tenant's own credentials.
        ShipmentValidated shipment = LabelFixtures.shipment("ORD-" + UUID.randomUUID(), "koiki", 1);
        KoikiStandIn.server.stubFor(post(urlEqualTo(KoikiStandIn.ALTA))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference())))
                .willReturn(okJson("""
                        {"respuesta":"101","mensaje":"OK","envios":[{"respuesta":"101","numPedido":"%s",
                         "codBarras":"KOI0000000099"}]}""".formatted(shipment.orderReference()))).atPriority(1));
        TestKafka.send(LabelFixtures.cloudEvent(shipment));
        var generated = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertThat(generated).hasSize(1);
        assertThat(PublicEvents.read(generated.get(0), LabelGenerated.class).event().trackingNumber()).isEqualTo("KOI0000000099");
        KoikiStandIn.server.verify(1, postRequestedFor(urlEqualTo(KoikiStandIn.ALTA))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference())))
                .withRequestBody(matchingJsonPath("$.token", equalTo(token))));

        given().auth().oauth2(acme).delete(URL + "/" + id).then().statusCode(204);
        given().auth().oauth2(acme).get(URL + "/" + id).then().statusCode(404);
    }

    @Test
    void credentialsTheCarrierRefusesFailWithItsReason() {
        KoikiStandIn.server.stubFor(post(urlEqualTo(KoikiStandIn.ALTA))
                .willReturn(okJson("{\"respuesta\":\"102\",\"mensaje\":\"TOKEN NOT FOUND\"}")));
        String acme = TestTokens.erp("acme");
        String id = given().auth().oauth2(acme).contentType(ContentType.JSON).body(Map.of("carrier", "koiki",
                        "settings", Map.of("token", "revoked-token-0001", "baseUrl", KoikiStandIn.server.baseUrl())))
                .post(URL).then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(acme).get(URL + "/" + id)
                .then().statusCode(200).body("status", is("FAILED")).body("statusReason", is("TOKEN NOT FOUND")));
    }

    @Test
    void badInputIsAProblemListingEveryViolation() {
        String acme = TestTokens.erp("acme");
        given().auth().oauth2(acme).contentType(ContentType.JSON).body(Map.of("carrier", "pigeon-post",
                        "name", "x".repeat(101), "settings", Map.of()))
                .post(URL).then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder("carrier", "name"));
        given().auth().oauth2(acme).contentType(ContentType.JSON).body(Map.of("carrier", "koiki", "settings",
                        Map.of("environment", "test")))
                .post(URL).then().statusCode(422).body("violations[0].field", is("settings"))
                .body("violations[0].message", org.hamcrest.Matchers.containsString("token"));
        given().auth().oauth2(acme).contentType(ContentType.JSON).body("{\"carrier\": ").post(URL)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(acme).get(URL + "/not-a-uuid").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("carrier", "koiki")).post(URL).then().statusCode(401);
        given().auth().oauth2(TestTokens.carrier("acme")).get(URL).then().statusCode(403);
    }

    private byte[] sealedSettings(String id) {
        return Transactions.inTransaction(store.dataSource(), c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT sealed_settings FROM carrier_accounts WHERE id = ?::uuid")) {
                select.setString(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        });
    }
}
