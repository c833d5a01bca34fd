package io.waybill.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.PublicEvents;
import io.waybill.eventstore.Transactions;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import io.waybill.tracking.tracking.TrackingCommands;
import io.waybill.tracking.tracking.TrackingDecider.RecordCarrierEvent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Re-normalization: stored raw codes re-mapped by the current tables, StatusChanged only where the status moves. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class RenormalizationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TrackingCommands commands;

    @Test
    void eventsStoredUnderAnOlderTableAreRemappedAndTheCurrentStatusMovesOnce() {
        String number = RegistrationTest.sandboxNumber(5);
        String shipmentId = given().auth().oauth2(TestTokens.erp("acme")).contentType("application/json")
                .body(Map.of("trackingNumber", number)).post("/api/v1/trackings").then().statusCode(201)
                .extract().path("shipmentId");
        // history as an older sandbox table left it: SB30 (at the hub) and SB60 (delivered) were unknown then
        record(number, shipmentId, "SB30", "2026-11-24T10:00:00+01:00");
        record(number, shipmentId, "SB60", "2026-11-25T10:00:00+01:00");
        // both were current when recorded: two StatusChanged (to EXCEPTION / exception.unmapped), as the old table had it
        var unmapped = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 2, Duration.ofSeconds(20));
        assertThat(unmapped).hasSize(2);
        assertThat(PublicEvents.read(unmapped.get(1), StatusChanged.class).event().subStatus()).isEqualTo("exception.unmapped");

        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/trackings/sandbox/" + number + "/renormalize").then()
                .statusCode(200).body("trackings", equalTo(1)).body("remapped", equalTo(2)).body("statusChanged", equalTo(1));
        // one more: only the current event's fix moves the status (SB30's fix is a late event's)
        var changes = TestKafka.await(Topics.STATUS_CHANGED, r -> shipmentId.equals(r.key()), 4, Duration.ofSeconds(10));
        assertThat(changes).hasSize(3);
        StatusChanged fixed = PublicEvents.read(changes.get(2), StatusChanged.class).event();
        assertThat(fixed.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(fixed.previousStatus()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(fixed.subStatus()).isNull();
        assertThat(fixed.carrierCode()).isEqualTo("SB60");
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/trackings/sandbox/" + number).then().statusCode(200)
                .body("status", equalTo("DELIVERED")).body("events.status", org.hamcrest.Matchers.contains("IN_TRANSIT", "DELIVERED"))
                .body("events.subStatus", org.hamcrest.Matchers.contains("in_transit.at_hub", null));

        // again: nothing left to change
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/trackings/sandbox/" + number + "/renormalize").then()
                .statusCode(200).body("remapped", equalTo(0)).body("statusChanged", equalTo(0));
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/trackings/renormalize").then().statusCode(200)
                .body("statusChanged", equalTo(0));
        // operators only; an unknown tracking is a 404
        given().auth().oauth2(TestTokens.erp("acme")).post("/api/v1/admin/trackings/sandbox/" + number + "/renormalize")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/trackings/sandbox/SB000000000WB/renormalize").then()
                .statusCode(404);
    }

    private void record(String number, String shipmentId, String code, String at) {
        Transactions.inTransaction(dataSource, c -> commands.handle(c, "sandbox", number,
                new RecordCarrierEvent(code, TrackingStatus.UNMAPPED, code, "Hub", "POLL", OffsetDateTime.parse(at),
                        OffsetDateTime.now(ZoneOffset.UTC), null, "sandbox"),
                EventMetadata.of("acme", shipmentId, null).with("shipmentId", shipmentId).with("carrier", "sandbox")));
    }
}
