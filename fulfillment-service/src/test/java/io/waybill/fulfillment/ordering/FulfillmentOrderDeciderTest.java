package io.waybill.fulfillment.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.contracts.Address;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Cancellation;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ApplyUpdate;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.Cancel;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ReceiveOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordCancelFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordCancelSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSendFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.CancellationTooLate;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderCancelled;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderShipped;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.SendAttemptFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.WarehouseStepReached;
import io.waybill.fulfillment.partners.spi.PartnerOrder;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The FulfillmentOrder's rules, given events, when a command, then events: no Quarkus, no I/O. */
class FulfillmentOrderDeciderTest {

    static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-25T10:00:00+01:00");
    static final Address TO = new Address("Sara Lind", null, List.of("Storgatan 12"), "Göteborg", null, "41138", "SE", null, null);

    @Test
    void anOrderIsReceivedOnceHoweverOftenTheShipmentArrives() {
        FulfillmentOrder received = given(receive(order(1)));
        assertThat(received.status()).isEqualTo(Status.PENDING);
        assertThat(FulfillmentOrderDecider.decide(receive(order(1)), received)).isEmpty();
    }

    @Test
    void aShipmentWithoutItemsFailsAtOnce() {
        assertThat(FulfillmentOrderDecider.decide(receive(order(0)), FulfillmentOrder.NONE))
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("OrderReceived", "OrderFailed");
    }

    @Test
    void aRetryableSendFailureKeepsTheOrderPendingAndCountsAttemptsAFinalOneFailsIt() {
        FulfillmentOrder pending = given(receive(order(1)), new RecordSendFailure("X_HTTP_503", "down", true, AT));
        assertThat(pending.status()).isEqualTo(Status.PENDING);
        assertThat(pending.failedAttempts()).isEqualTo(1);
        assertThat(FulfillmentOrderDecider.decide(new RecordSendFailure("X_HTTP_503", "down", true, AT), pending))
                .singleElement().isInstanceOfSatisfying(SendAttemptFailed.class, f -> assertThat(f.attempt()).isEqualTo(2));
        assertThat(FulfillmentOrderDecider.decide(new RecordSendFailure("X_HTTP_400", "refused", false, AT), pending))
                .singleElement().isInstanceOf(OrderFailed.class);
    }

    @Test
    void stepsAreRecordedOnceAndInOrderAndNothingAfterShipping() {
        FulfillmentOrder packed = given(receive(order(1)), new RecordSent("4711", AT), update(Step.PICKED), update(Step.PACKED));
        assertThat(packed.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(FulfillmentOrderDecider.decide(update(Step.PACKED), packed)).as("the same step again").isEmpty();
        assertThat(FulfillmentOrderDecider.decide(update(Step.PICKED), packed)).as("a late, earlier step").isEmpty();
        assertThat(FulfillmentOrderDecider.decide(new ApplyUpdate(PartnerUpdate.step("s1", Step.UNMAPPED, "777", "?", AT, "POLL"),
                AT), packed)).singleElement().isInstanceOf(WarehouseStepReached.class);

        FulfillmentOrder shipped = given(receive(order(1)), new RecordSent("4711", AT), shipped("T-1"));
        assertThat(shipped.status()).isEqualTo(Status.SHIPPED);
        assertThat(FulfillmentOrderDecider.decide(shipped("T-1"), shipped)).as("duplicate confirmation").isEmpty();
        assertThat(FulfillmentOrderDecider.decide(update(Step.CANCELLED), shipped)).isEmpty();
        assertThat(FulfillmentOrderDecider.decide(new Cancel("too late", AT), shipped)).singleElement()
                .isInstanceOf(CancellationTooLate.class);
        FulfillmentOrder late = given(receive(order(1)), new RecordSent("4711", AT), shipped("T-1"), new Cancel("too late", AT));
        assertThat(late.status()).isEqualTo(Status.SHIPPED);
        assertThat(FulfillmentOrderDecider.decide(new Cancel("again", AT), late)).as("recorded once").isEmpty();
    }

    @Test
    void aCancellationOfAnOrderNotSentYetDropsItAndOfASentOneIsQueuedOnceForThePartner() {
        assertThat(FulfillmentOrderDecider.decide(new Cancel("erp", AT), given(receive(order(1))))).singleElement()
                .isInstanceOf(OrderCancelled.class);
        FulfillmentOrder requested = given(receive(order(1)), new RecordSent("4711", AT), update(Step.PICKED), new Cancel("erp", AT));
        assertThat(requested.cancellation()).isEqualTo(Cancellation.REQUESTED);
        assertThat(requested.cancellationDue()).isTrue();
        assertThat(FulfillmentOrderDecider.decide(new Cancel("erp", AT), requested)).as("redelivered").isEmpty();

        FulfillmentOrder down = given(receive(order(1)), new RecordSent("4711", AT), new Cancel("erp", AT),
                new RecordCancelFailure("X_HTTP_503", "down", true, AT), new RecordCancelFailure("X_HTTP_503", "down", true, AT));
        assertThat(down.cancelAttempts()).isEqualTo(2);
        assertThat(down.cancellationDue()).isTrue();
        assertThat(FulfillmentOrderDecider.decide(new RecordCancelSent(true, AT), down)).singleElement()
                .isInstanceOf(OrderCancelled.class);
        FulfillmentOrder told = given(receive(order(1)), new RecordSent("4711", AT), new Cancel("erp", AT),
                new RecordCancelSent(false, AT));
        assertThat(told.cancellation()).isEqualTo(Cancellation.SENT);
        assertThat(told.cancellationDue()).as("told once; the partner's confirmation is awaited").isFalse();
        assertThat(FulfillmentOrderDecider.decide(update(Step.CANCELLED), told)).as("the confirmation is no failure")
                .singleElement().isInstanceOf(OrderCancelled.class);
        FulfillmentOrder refused = given(receive(order(1)), new RecordSent("4711", AT), new Cancel("erp", AT),
                new RecordCancelFailure("X_HTTP_409", "already packed", false, AT));
        assertThat(refused.cancellation()).isEqualTo(Cancellation.REFUSED);
        assertThat(refused.status()).isEqualTo(Status.SENT);
    }

    @Test
    void whenTheWarehouseShipsAfterTheCancellationTheShippingIsRecordedAndTheCancellationIsTooLate() {
        FulfillmentOrder told = given(receive(order(1)), new RecordSent("4711", AT), new Cancel("erp", AT),
                new RecordCancelSent(false, AT));
        assertThat(FulfillmentOrderDecider.decide(shipped("T-9"), told)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("OrderShipped", "CancellationTooLate");
        FulfillmentOrder shipped = given(receive(order(1)), new RecordSent("4711", AT), new Cancel("erp", AT), shipped("T-9"));
        assertThat(shipped.cancellation()).isEqualTo(Cancellation.TOO_LATE);
        assertThat(FulfillmentOrderDecider.decide(new RecordCancelSent(true, AT), shipped)).as("nothing left to cancel").isEmpty();
    }

    @Test
    void anOrderCancelledWhileItWasBeingSentIsCancelledWithThePartnerToo() {
        FulfillmentOrder raced = given(receive(order(1)), new Cancel("erp", AT), new RecordSent("4711", AT));
        assertThat(raced.status()).isEqualTo(Status.SENT);
        assertThat(raced.partnerReference()).isEqualTo("4711");
        assertThat(raced.cancellationDue()).isTrue();
    }

    @Test
    void aShippingConfirmationNeedsCarrierAndTrackingAndNamesEveryParcel() {
        FulfillmentOrder sent = given(receive(order(1)), new RecordSent("4711", AT));
        assertThat(FulfillmentOrderDecider.decide(shipped("T-1"), sent)).singleElement()
                .isInstanceOfSatisfying(OrderShipped.class, s -> {
                    assertThat(s.parcels()).extracting(p -> p.trackingNumber()).containsExactly("T-1");
                    assertThat(s.service()).isEqualTo("parcel"); // the merchant's, as the partner named none
                });
        assertThatThrownBy(() -> FulfillmentOrderDecider.decide(new ApplyUpdate(new PartnerUpdate("s1", Step.SHIPPED, "450",
                "sent", null, null, null, List.of(), AT, "POLL"), AT), sent)).isInstanceOf(FulfillmentOrderRuleViolated.class);
    }

    @Test
    void outOfStockAndAWarehouseCancellationFailTheOrder() {
        FulfillmentOrder sent = given(receive(order(1)), new RecordSent("4711", AT));
        assertThat(FulfillmentOrderDecider.decide(update(Step.OUT_OF_STOCK), sent)).singleElement()
                .isInstanceOfSatisfying(OrderFailed.class, f -> assertThat(f.reasonCode()).isEqualTo("OUT_OF_STOCK"));
        assertThat(FulfillmentOrderDecider.decide(update(Step.CANCELLED), sent)).singleElement()
                .isInstanceOfSatisfying(OrderFailed.class, f -> assertThat(f.reasonCode()).isEqualTo("FULFILLMENT_CANCELLED"));
    }

    @Test
    void updatesForAnUnknownOrderAreRefused() {
        assertThatThrownBy(() -> FulfillmentOrderDecider.decide(update(Step.PICKED), FulfillmentOrder.NONE))
                .isInstanceOf(FulfillmentOrderRuleViolated.class);
    }

    static FulfillmentOrder given(FulfillmentOrderCommand... commands) {
        FulfillmentOrder state = FulfillmentOrder.NONE;
        for (FulfillmentOrderCommand command : commands) {
            for (FulfillmentOrderEvent event : FulfillmentOrderDecider.decide(command, state)) {
                state = FulfillmentOrderDecider.evolve(state, event);
            }
        }
        return state;
    }

    static ReceiveOrder receive(PartnerOrder order) {
        return new ReceiveOrder("acme", "ongoing", order, AT);
    }

    static PartnerOrder order(int lines) {
        List<PartnerOrder.OrderLine> orderLines = lines == 0 ? List.of() : List.of(new PartnerOrder.OrderLine(1, "SKU-1", "Shirt", 2));
        return new PartnerOrder("s1", "acme", "SO-1", "STO", TO, TO, orderLines, "postnord", "parcel", AT);
    }

    static ApplyUpdate update(Step step) {
        return new ApplyUpdate(PartnerUpdate.step("s1", step, step.name(), "warehouse says " + step, AT, "POLL"), AT);
    }

    static ApplyUpdate shipped(String tracking) {
        return new ApplyUpdate(new PartnerUpdate("s1", Step.SHIPPED, "450", "sent", "postnord", null, tracking, List.of(), AT,
                "POLL"), AT);
    }
}
