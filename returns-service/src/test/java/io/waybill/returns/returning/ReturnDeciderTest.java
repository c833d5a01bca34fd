package io.waybill.returns.returning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.contracts.ReturnItem;
import io.waybill.returns.returning.Return.ReturnStatus;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnEvent.ReturnOpened;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given events, when a command, then events (or a refusal). No Quarkus, no database. */
class ReturnDeciderTest {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-02T09:00:00-03:00");

    static Return given(ReturnEvent... events) {
        Return state = Return.NONE;
        for (ReturnEvent event : events) {
            state = ReturnDecider.evolve(state, event);
        }
        return state;
    }

    static OpenReturn fromStatus(String shipmentId, String tenant, String reason, OffsetDateTime at) {
        return OpenReturn.reportedByCarrier(shipmentId, tenant, ReturnSource.STATUS, reason, List.of(), null, at);
    }

    static final String RETURN_OF_S1 = ReturnEvents.carrierReturnId("s1");
    static final ReturnOpened OPENED = new ReturnOpened(RETURN_OF_S1, "s1", "acme", ReturnSource.STATUS,
            "Returning to sender", List.of(), null, T0);

    @Test
    void aReturningStatusOpensAReturnWithoutItems() {
        List<ReturnEvent> events = ReturnDecider.decide(fromStatus("s1", "acme", "Returning to sender", T0), given());
        assertThat(events).containsExactly(OPENED);

        Return opened = given(events.toArray(ReturnEvent[]::new));
        assertThat(opened.status()).isEqualTo(ReturnStatus.OPEN);
        assertThat(opened.id()).isEqualTo(RETURN_OF_S1);
        assertThat(opened.shipmentId()).isEqualTo("s1");
        assertThat(opened.tenantId()).isEqualTo("acme");
        assertThat(opened.source()).isEqualTo(ReturnSource.STATUS);
        assertThat(opened.items()).isEmpty();
        assertThat(opened.returnTrackingNumber()).isNull();
        assertThat(opened.openedAt()).isEqualTo(T0);
    }

    @Test
    void reportingTheSameShipmentAgainFromTheCarrierIsANoOp() {
        Return opened = given(OPENED);
        // RETURNED after RETURNING, or the same status under another message id.
        assertThat(ReturnDecider.decide(fromStatus("s1", "acme", "Returned to sender", T0.plusDays(2)), opened)).isEmpty();
        // The carrier's own return report for the same shipment.
        var carrier = OpenReturn.reportedByCarrier("s1", "acme", ReturnSource.CARRIER, "Refused",
                List.of(new ReturnItem("SKU-1", 1)), "RT123", T0.plusDays(1));
        assertThat(ReturnDecider.decide(carrier, opened)).isEmpty();
    }

    @Test
    void theCarrierReturnIdIsDerivedFromTheShipmentSoTwoReportsShareOneStream() {
        assertThat(ReturnEvents.carrierReturnId("s1")).isEqualTo(ReturnEvents.carrierReturnId("s1"))
                .isNotEqualTo(ReturnEvents.carrierReturnId("s2")).startsWith("ret_");
        assertThat(fromStatus("s1", "acme", "a", T0).returnId()).isEqualTo(fromStatus("s1", "acme", "b", T0.plusDays(1)).returnId());
        assertThat(ReturnEvents.streamId(RETURN_OF_S1)).isEqualTo("return-" + RETURN_OF_S1);
    }

    @Test
    void aCarrierReportedReturnUnderAnotherIdIsRefused() {
        var elsewhere = new OpenReturn("ret_random", "s1", "acme", ReturnSource.STATUS, "Returning", List.of(), null, T0);
        assertThatThrownBy(() -> ReturnDecider.decide(elsewhere, given())).isInstanceOf(ReturnRuleViolated.class)
                .hasMessageContaining("derived");
    }

    @Test
    void anotherTenantCannotReportTheSameShipment() {
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "globex", "Returning", T0), given(OPENED)))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("another tenant");
    }

    @Test
    void aReturnRegisteredThroughTheApiCannotBeOpenedTwice() {
        var api = new OpenReturn("ret_api_1", "s1", "acme", ReturnSource.API, "Wrong size",
                List.of(new ReturnItem("SKU-1", 2)), null, T0);
        List<ReturnEvent> events = ReturnDecider.decide(api, given());
        assertThat(events).singleElement().isInstanceOfSatisfying(ReturnOpened.class,
                opened -> assertThat(opened.items()).containsExactly(new ReturnItem("SKU-1", 2)));
        assertThatThrownBy(() -> ReturnDecider.decide(api, given(events.toArray(ReturnEvent[]::new))))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("already exists");
    }

    @Test
    void incompleteReturnsAreRefused() {
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "acme", " ", T0), given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "", "Returning", T0), given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("tenant");
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("", "acme", "Returning", T0), given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("shipment");
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "acme", "Returning", null), given()))
                .isInstanceOf(ReturnRuleViolated.class);
        var noQuantity = new OpenReturn("ret_api_2", "s1", "acme", ReturnSource.API, "Wrong size",
                List.of(new ReturnItem("SKU-1", 0)), null, T0);
        assertThatThrownBy(() -> ReturnDecider.decide(noQuantity, given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("quantity");
    }

    @Test
    void eventsSurviveTheStoredJsonRoundTrip() {
        var withItems = new ReturnOpened("ret_api_3", "s1", "acme", ReturnSource.API, "Wrong size",
                List.of(new ReturnItem("SKU-1", 2)), "RT999", T0);
        for (ReturnEvent event : List.<ReturnEvent>of(OPENED, withItems)) {
            String type = ReturnEvents.CODEC.typeOf(event);
            assertThat(ReturnEvents.CODEC.decode(type, ReturnEvents.CODEC.encode(event))).isEqualTo(event);
        }
    }
}
