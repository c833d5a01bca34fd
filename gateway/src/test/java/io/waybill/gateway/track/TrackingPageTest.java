package io.waybill.gateway.track;

import static io.restassured.RestAssured.given;
import static io.waybill.gateway.track.UpstreamEvents.label;
import static io.waybill.gateway.track.UpstreamEvents.publish;
import static io.waybill.gateway.track.UpstreamEvents.status;
import static io.waybill.gateway.track.UpstreamEvents.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public tracking page against the real broker and database: events are published the way the upstream
 * services publish them (see {@link UpstreamEvents}), the gateway's consumers project them, and the page is
 * read over HTTP. Each test uses its own shipment and numbers.
 */
@QuarkusTest
@QuarkusTestResource(TrackingPageTestResource.class)
class TrackingPageTest {

    static final String TENANT = "acme";

    /** A shipment to São Paulo 01310-100 with three carrier statuses; returns its tracking number. */
    static String deliveredSoon(String suffix) {
        Labelled labelled = labelled(suffix, "01310-100", "BR");
        String shipment = labelled.shipment();
        String number = labelled.number();
        publish(status(shipment, TENANT, number, TrackingStatus.INFO_RECEIVED, "Shipment information received",
                null, "2026-03-10T09:10:00-03:00", null));
        publish(status(shipment, TENANT, number, TrackingStatus.IN_TRANSIT, "Arrived at hub", "Campinas SP",
                "2026-03-11T22:40:00-03:00", "2026-03-13T18:00:00-03:00"));
        publish(status(shipment, TENANT, number, TrackingStatus.OUT_FOR_DELIVERY, "With the courier", "São Paulo SP",
                "2026-03-12T14:05:00-03:00", "2026-03-12T20:00:00-03:00"));
        awaitEvents(number, "01310-100", 3);
        return number;
    }

    /** A validated shipment of {@link #TENANT} and its label, no carrier status yet. */
    record Labelled(String shipment, String number) {
    }

    static Labelled labelled(String suffix, String postalCode, String country) {
        Labelled labelled = new Labelled("shp-" + suffix, "SBX" + suffix.toUpperCase());
        publish(validated(labelled.shipment(), TENANT, postalCode, country));
        publish(label(labelled.shipment(), TENANT, labelled.number(), List.of(labelled.number()), null));
        return labelled;
    }

    static JsonPath awaitEvents(String number, String postalCode, int count) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(number, postalCode),
                        response -> response.statusCode() == 200 && response.jsonPath().getList("events").size() == count)
                .jsonPath();
    }

    static Response json(String number, String postalCode) {
        var request = given().accept("application/json");
        if (postalCode != null) {
            request.queryParam("postalCode", postalCode);
        }
        return request.get("/track/{n}", number);
    }

    static Response html(String number, String postalCode, String lang, String acceptLanguage) {
        var request = given().accept("text/html");
        if (postalCode != null) {
            request.queryParam("postalCode", postalCode);
        }
        if (lang != null) {
            request.queryParam("lang", lang);
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return request.get("/track/{n}", number);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void showsCurrentStatusTimelineAndEstimateAsJson() {
        String number = deliveredSoon(suffix());

        JsonPath page = json(number, "01310-100").then().statusCode(200).extract().jsonPath();

        assertThat(page.getString("trackingNumber")).isEqualTo(number);
        assertThat(page.getString("carrier")).isEqualTo("sandbox");
        assertThat(page.getBoolean("returnParcel")).isFalse();
        assertThat(page.getString("status.code")).isEqualTo("OUT_FOR_DELIVERY");
        assertThat(page.getString("status.text")).isEqualTo("Out for delivery");
        // The carrier's own offset survives the round trip through Kafka and PostgreSQL.
        assertThat(page.getString("status.occurredAt")).isEqualTo("2026-03-12T14:05-03:00");
        assertThat(page.getString("estimatedDelivery")).isEqualTo("2026-03-12T20:00-03:00");
        assertThat(page.getList("events.code", String.class))
                .containsExactly("OUT_FOR_DELIVERY", "IN_TRANSIT", "INFO_RECEIVED");
        assertThat(page.getList("events.location", String.class)).containsExactly("São Paulo SP", "Campinas SP", null);
    }

    @Test
    void exposesNothingOfTheTenantOrTheShipment() {
        String suffix = suffix();
        String number = deliveredSoon(suffix);

        String body = json(number, "01310-100").then().statusCode(200).extract().asString();
        String page = html(number, "01310-100", null, null).then().statusCode(200).extract().asString();

        for (String secret : List.of("shp-" + suffix, "SO-shp-" + suffix, TENANT, "Ana Recipient", "Rua Augusta",
                "ana@example.com", "lbl-")) {
            assertThat(body).doesNotContain(secret);
            assertThat(page).doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @CsvSource({"01310-100", "01310100", "' 01310 100 '", "01310 - 100"})
    void postalCodeIsComparedWithoutSpacesAndHyphens(String typed) {
        String number = deliveredSoon(suffix());

        json(number, typed).then().statusCode(200);
    }

    @Test
    void postalCodeIsComparedWithoutCase() {
        String number = labelled(suffix(), "SW1A 1AA", "GB").number();
        await().atMost(Duration.ofSeconds(30)).until(() -> json(number, "sw1a-1aa").statusCode() == 200);

        json(number, "SW1A1AA").then().statusCode(200);
        json(number, "Sw1a 1aA").then().statusCode(200);
        json(number, "SW1A 1AB").then().statusCode(404);
    }

    @Test
    void aNulCharacterIsRefusedBeforeTheDatabaseSeesIt() {
        // PostgreSQL stores no U+0000: before NulInUriFilter this was a 500 (found by e2e's bad-input sweep).
        given().urlEncodingEnabled(false).accept("application/json").get("/track/AB%00CD?postalCode=08013")
                .then().statusCode(404).contentType("application/problem+json");
        given().urlEncodingEnabled(false).accept("application/json").get("/track/ABCD?postalCode=08%0013")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongMissingPostalCodeAndUnknownNumberLookTheSame() {
        String number = deliveredSoon(suffix());
        String unknown = "SBX" + suffix().toUpperCase();

        Response wrong = json(number, "01310-101");
        Response missing = json(number, null);
        Response blank = json(number, " ");
        Response notANumber = json(unknown, "01310-100");
        for (Response response : List.of(wrong, missing, blank, notANumber)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.asString()).isEqualTo(wrong.asString());
        }
        assertThat(wrong.jsonPath().getString("detail")).isEqualTo(TrackingPage.NOT_FOUND_DETAIL);

        // The HTML page differs only in its per-response style nonce and in echoing the number typed.
        String wrongPage = withoutNonce(html(number, "01310-101", null, null));
        assertThat(withoutNonce(html(number, null, null, null))).isEqualTo(wrongPage);
        assertThat(withoutNonce(html(unknown, "01310-100", null, null)).replace(unknown, number)).isEqualTo(wrongPage);
        assertThat(wrongPage).contains("Parcel not found", "name=\"postalCode\"");
    }

    private static String withoutNonce(Response response) {
        assertThat(response.statusCode()).isEqualTo(404);
        return response.asString().replaceAll("nonce=\"[^\"]+\"", "nonce=\"-\"");
    }

    @Test
    void lateEventsTakeTheirPlaceInTheTimelineByEventTime() {
        Labelled labelled = labelled(suffix(), "01310-100", "BR");
        String shipment = labelled.shipment();
        String number = labelled.number();
        // 07:00Z, written in the origin hub's offset (+01:00)...
        publish(status(shipment, TENANT, number, TrackingStatus.IN_TRANSIT, "Departed hub", "Lisboa",
                "2026-03-11T08:00:00+01:00", null));
        publish(status(shipment, TENANT, number, TrackingStatus.DELIVERED, "Delivered", "São Paulo SP",
                "2026-03-12T11:00:00-03:00", null));
        awaitEvents(number, "01310-100", 2);
        // ...and, arriving last, an event that happened in between: 08:30Z at -03:00 (05:30 local, which a
        // comparison of local times would put before 08:00).
        publish(status(shipment, TENANT, number, TrackingStatus.IN_TRANSIT, "Arrived at destination country",
                "Guarulhos SP", "2026-03-11T05:30:00-03:00", null));
        // Also late: the very first scan.
        publish(status(shipment, TENANT, number, TrackingStatus.INFO_RECEIVED, "Label registered", null,
                "2026-03-10T09:10:00-03:00", null));

        JsonPath page = awaitEvents(number, "01310-100", 4);

        assertThat(page.getString("status.code")).isEqualTo("DELIVERED");
        assertThat(page.getList("events.description", String.class)).containsExactly(
                "Delivered", "Arrived at destination country", "Departed hub", "Label registered");
        assertThat(page.getList("events.occurredAt", String.class)).containsExactly(
                "2026-03-12T11:00-03:00", "2026-03-11T05:30-03:00", "2026-03-11T08:00+01:00", "2026-03-10T09:10-03:00");
    }

    @Test
    void aRedeliveredEventIsShownOnce() {
        Labelled labelled = labelled(suffix(), "01310-100", "BR");
        String shipment = labelled.shipment();
        String number = labelled.number();
        var inTransit = status(shipment, TENANT, number, TrackingStatus.IN_TRANSIT, "Departed hub", null,
                "2026-03-11T08:00:00-03:00", null);
        String id = publish(inTransit);
        awaitEvents(number, "01310-100", 1);

        publish(inTransit, id); // the same event again, as after a producer retry or a consumer rebalance
        // Same key, same partition: once this later event is visible, the redelivery before it was consumed too.
        publish(status(shipment, TENANT, number, TrackingStatus.DELIVERED, "Delivered", null,
                "2026-03-12T11:00:00-03:00", null));

        JsonPath page = awaitEvents(number, "01310-100", 2);
        assertThat(page.getList("events.code", String.class)).containsExactly("DELIVERED", "IN_TRANSIT");
        // Delivered: no estimate any more.
        assertThat(page.getString("estimatedDelivery")).isNull();
    }

    @Test
    void everyParcelNumberAndReturnLabelIsTrackable() {
        String suffix = suffix();
        String shipment = "shp-" + suffix;
        String master = "SBX" + suffix.toUpperCase();
        String secondParcel = master + "-2";
        String returnNumber = "RET" + suffix.toUpperCase();
        publish(validated(shipment, TENANT, "01310-100", "BR"));
        publish(label(shipment, TENANT, master, List.of(master, secondParcel), null));
        publish(status(shipment, TENANT, secondParcel, TrackingStatus.IN_TRANSIT, "Second parcel moving", null,
                "2026-03-11T08:00:00-03:00", null));
        publish(label(shipment, TENANT, returnNumber, List.of(returnNumber), "ret-" + suffix));

        JsonPath second = awaitEvents(secondParcel, "01310-100", 1);
        assertThat(second.getString("status.description")).isEqualTo("Second parcel moving");
        await().atMost(Duration.ofSeconds(30)).until(() -> json(returnNumber, "01310-100").statusCode() == 200);

        JsonPath masterPage = json(master, "01310-100").jsonPath();
        assertThat(masterPage.getList("events")).isEmpty();
        assertThat(masterPage.getString("status")).isNull();
        assertThat(masterPage.getString("labelCreatedAt")).isEqualTo("2026-03-10T12:05Z");
        JsonPath returnPage = json(returnNumber, "01310-100").jsonPath();
        assertThat(returnPage.getBoolean("returnParcel")).isTrue();
        assertThat(html(returnNumber, "01310-100", null, null).asString()).contains("Return parcel", "Label created");
        // A visitor types the number as printed, with spaces and in lower case.
        json(" " + master.toLowerCase().substring(0, 4) + " " + master.substring(4), "01310-100").then().statusCode(200);
    }

    @Test
    void aLabelOfAnotherTenantForTheSameShipmentIdIsNotShown() {
        String suffix = suffix();
        String shipment = "shp-" + suffix;
        String ours = "SBX" + suffix.toUpperCase();
        String foreign = "GLX" + suffix.toUpperCase();
        publish(validated(shipment, TENANT, "01310-100", "BR"));
        publish(label(shipment, "globex", foreign, List.of(foreign), null));
        publish(label(shipment, TENANT, ours, List.of(ours), null));
        await().atMost(Duration.ofSeconds(30)).until(() -> json(ours, "01310-100").statusCode() == 200);

        json(foreign, "01310-100").then().statusCode(404);
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheConsumerMovesOn() {
        String key = "poison-" + suffix();
        TestKafka.send(new ProducerRecord<>(Topics.STATUS_CHANGED, key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));

        // The gateway's partner-webhooks consumer parks the same record too, marked with its name; this is the page's.
        var parked = TestKafka.await(Topics.deadLetter(Topics.STATUS_CHANGED), record -> key.equals(record.key())
                && record.headers().lastHeader("dead-letter-consumer") == null, 2, Duration.ofSeconds(15));

        assertThat(parked).hasSize(1);
        // The partition was not blocked: later events are still projected.
        deliveredSoon(suffix());
    }

    @Test
    void securityHeadersOnEveryAnswer() {
        String number = deliveredSoon(suffix());

        for (Response response : List.of(html(number, "01310-100", null, null), html(number, "0000", null, null),
                json(number, "01310-100"), json(number, null))) {
            assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            assertThat(response.headers().getValues("Vary").stream()
                    .flatMap(vary -> java.util.Arrays.stream(vary.split(","))).map(String::trim).toList())
                    .contains("Accept", "Accept-Language");
        }
        Response page = html(number, "01310-100", null, null);
        String nonce = page.header("Content-Security-Policy").replaceAll(".*style-src 'nonce-([^']+)'.*", "$1");
        assertThat(page.asString()).contains("<style nonce=\"" + nonce + "\">")
                // Nothing loaded from anywhere: no scripts, images, fonts or stylesheets.
                .doesNotContain("<script", "<img", "<link", "src=", "@import", "url(");
    }

    @Test
    void htmlIsTheDefaultForClientsThatAcceptAnything() {
        String number = deliveredSoon(suffix());

        Response response = given().accept("*/*").queryParam("postalCode", "01310-100").get("/track/{n}", number);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
    }
}
