package io.waybill.order.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.contracts.TrackingStatus;
import io.waybill.order.intake.ShipmentSamples;
import io.waybill.order.shipment.Shipment.ShipmentStatus;
import io.waybill.order.shipment.ShipmentCommand.AcceptShipment;
import io.waybill.order.shipment.ShipmentCommand.AttachLabel;
import io.waybill.order.shipment.ShipmentCommand.CancelShipment;
import io.waybill.order.shipment.ShipmentCommand.RecordTrackingStatus;
import io.waybill.order.shipment.ShipmentEvent.LabelAttached;
import io.waybill.order.shipment.ShipmentEvent.ShipmentAccepted;
import io.waybill.order.shipment.ShipmentEvent.ShipmentCancelled;
import io.waybill.order.shipment.ShipmentEvent.TrackingStatusRecorded;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given events, when a command, then events (or a refusal). No Quarkus, no database. */
class ShipmentDeciderTest {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-25T10:00:00-05:00");

    static Shipment given(ShipmentEvent... events) {
        Shipment state = Shipment.NONE;
        for (ShipmentEvent event : events) {
            state = ShipmentDecider.evolve(state, event);
        }
        return state;
    }

    static final ShipmentAccepted ACCEPTED = new ShipmentAccepted("s1", "acme", ShipmentSamples.valid(), T0);

    @Test
    void acceptsANewShipmentOnce() {
        var accept = new AcceptShipment("s1", "acme", ShipmentSamples.valid(), T0);
        assertThat(ShipmentDecider.decide(accept, given())).containsExactly(ACCEPTED);
        assertThatThrownBy(() -> ShipmentDecider.decide(accept, given(ACCEPTED))).isInstanceOf(ShipmentRuleViolated.class);
    }

    @Test
    void attachesALabelAndIgnoresTheSameLabelTwice() {
        var attach = new AttachLabel("sandbox", "standard", "WB123", List.of(), List.of("PDF", "ZPL"), T0.plusMinutes(1));
        List<ShipmentEvent> events = ShipmentDecider.decide(attach, given(ACCEPTED));
        assertThat(events).singleElement().isInstanceOf(LabelAttached.class);
        Shipment labelled = given(ACCEPTED, events.get(0));
        assertThat(labelled.status()).isEqualTo(ShipmentStatus.LABELLED);
        assertThat(labelled.trackingNumber()).isEqualTo("WB123");
        assertThat(ShipmentDecider.decide(attach, labelled)).isEmpty();
    }

    @Test
    void anOlderTrackingStatusDoesNotReplaceANewerOne() {
        var later = new RecordTrackingStatus(TrackingStatus.DELIVERED, "DLV", "Delivered", T0.plusHours(5));
        var earlier = new RecordTrackingStatus(TrackingStatus.IN_TRANSIT, "TRN", "In transit", T0.plusHours(2));
        Shipment delivered = given(ACCEPTED, ShipmentDecider.decide(later, given(ACCEPTED)).get(0));
        assertThat(ShipmentDecider.decide(earlier, delivered)).isEmpty();
        assertThat(delivered.trackingStatus()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void cancelsUntilTheCarrierScansTheParcel() {
        var cancel = new CancelShipment("customer changed mind", T0.plusMinutes(3));
        assertThat(ShipmentDecider.decide(cancel, given(ACCEPTED))).singleElement().isInstanceOf(ShipmentCancelled.class);

        Shipment scanned = given(ACCEPTED, ShipmentDecider.decide(
                new RecordTrackingStatus(TrackingStatus.IN_TRANSIT, "TRN", "In transit", T0.plusHours(1)), given(ACCEPTED)).get(0));
        assertThatThrownBy(() -> ShipmentDecider.decide(cancel, scanned)).isInstanceOf(ShipmentRuleViolated.class)
                .hasMessageContaining("scanned");
    }

    static final ShipmentAccepted ROUTED;

    static {
        ShipmentDetails d = ShipmentSamples.valid();
        ROUTED = new ShipmentAccepted("s2", "acme", new ShipmentDetails(d.orderReference(), d.sender(), d.recipient(), d.parcels(),
                d.carrier(), d.service(), d.selectionRule(), d.labelFormat(), d.fiscalDocument(),
                new io.waybill.contracts.Fulfillment("ongoing", "STO")), T0);
    }

    @Test
    void thePartnersStatusesAreWarehouseStepsRecordedOnceInTimeOrderAndDoNotBlockCancellation() {
        var packed = new RecordTrackingStatus("ongoing", TrackingStatus.INFO_RECEIVED, "400", "Picked", T0.plusHours(2));
        var open = new RecordTrackingStatus("ongoing", TrackingStatus.INFO_RECEIVED, "200", "Open", T0.plusHours(1));
        Shipment state = given(ROUTED);
        for (var step : List.of(packed, open)) {
            state = given(state, ShipmentDecider.decide(step, state));
        }
        assertThat(state.warehouseSteps()).extracting(Shipment.WarehouseStep::code).containsExactly("200", "400");
        assertThat(state.trackingStatus()).isNull();
        assertThat(ShipmentDecider.decide(packed, state)).as("the same step again").isEmpty();
        assertThat(ShipmentDecider.decide(new CancelShipment("erp", T0.plusHours(3)), state)).singleElement()
                .isInstanceOf(ShipmentCancelled.class);
        // The carrier's scans of a shipped parcel are tracking statuses as for any shipment.
        assertThat(ShipmentDecider.decide(new RecordTrackingStatus("postnord", TrackingStatus.IN_TRANSIT, "TRN", "In transit",
                T0.plusHours(5)), state)).singleElement().isInstanceOf(TrackingStatusRecorded.class);
    }

    @Test
    void aShipmentTheWarehouseShippedCannotBeCancelledAndOneItShipsAfterCancellationSaysSo() {
        var shipped = new AttachLabel("postnord", "standard", "PN1", List.of(), List.of("PDF"), T0.plusHours(4));
        Shipment labelled = given(ROUTED, ShipmentDecider.decide(shipped, given(ROUTED)).get(0));
        assertThat(labelled.warehouseSteps()).extracting(Shipment.WarehouseStep::code).containsExactly("SHIPPED");
        assertThatThrownBy(() -> ShipmentDecider.decide(new CancelShipment("erp", T0.plusHours(5)), labelled))
                .isInstanceOf(ShipmentRuleViolated.class).hasMessageContaining("shipped by the ongoing warehouse");

        Shipment cancelled = given(ROUTED, new ShipmentCancelled("s2", "acme", "SO-1001", "erp", T0.plusHours(1)));
        List<ShipmentEvent> late = ShipmentDecider.decide(shipped, cancelled);
        assertThat(late).singleElement().isInstanceOf(ShipmentEvent.ShippedAfterCancellation.class);
        Shipment after = given(cancelled, late.get(0));
        assertThat(after.status()).isEqualTo(ShipmentStatus.CANCELLED);
        assertThat(after.shippedAfterCancellation()).isTrue();
        assertThat(after.trackingNumber()).isEqualTo("PN1");
        assertThat(ShipmentDecider.decide(shipped, after)).as("once").isEmpty();
    }

    static Shipment given(Shipment state, List<ShipmentEvent> events) {
        for (ShipmentEvent event : events) {
            state = ShipmentDecider.evolve(state, event);
        }
        return state;
    }

    static Shipment given(Shipment state, ShipmentEvent event) {
        return ShipmentDecider.evolve(state, event);
    }

    @Test
    void commandsForAnUnknownShipmentAreRefused() {
        assertThatThrownBy(() -> ShipmentDecider.decide(new CancelShipment("x", T0), given()))
                .isInstanceOf(ShipmentRuleViolated.class);
    }
}
