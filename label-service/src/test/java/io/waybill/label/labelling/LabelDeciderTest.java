package io.waybill.label.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.ParcelLabel;
import io.waybill.label.labelling.LabelDecider.CancelAction;
import io.waybill.contracts.Money;
import io.waybill.label.labelling.LabelDecider.PurchaseStep;
import io.waybill.label.labelling.LabelDecider.RecordCancellation;
import io.waybill.label.labelling.LabelDecider.RecordRequest;
import io.waybill.label.labelling.LabelDecider.RecordUnconfirmed;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseRequested;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseUnconfirmed;
import java.math.BigDecimal;
import io.waybill.label.labelling.LabelDecider.RecordFailure;
import io.waybill.label.labelling.LabelDecider.RecordPurchase;
import io.waybill.label.labelling.LabelDecider.RecordVoid;
import io.waybill.label.labelling.LabelDecider.RecordVoidFailure;
import io.waybill.label.labelling.LabelEvent.LabelCancelledBeforePurchase;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import io.waybill.label.labelling.LabelEvent.LabelVoidFailed;
import io.waybill.label.labelling.LabelEvent.LabelVoided;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The label's pure rules, without Quarkus, Kafka or a database. */
class LabelDeciderTest {

    private static final String SHIPMENT = "shp-1";
    private static final String TENANT = "acme";
    private static final String TRACKING = "SB123456785WB";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-25T10:15:30-03:00");

    private static final LabelPurchaseRequested REQUESTED = new LabelPurchaseRequested(SHIPMENT, TENANT, "label-1",
            LabelFixtures.shipment("SO-1", "sandbox", 1), null, "waybill-label-label-1", AT.minusSeconds(1), null, null);
    private static final LabelPurchased PURCHASED = new LabelPurchased(SHIPMENT, TENANT, "sandbox", "standard", TRACKING,
            List.of(new ParcelLabel(1, TRACKING)), "ES-080", List.of("PDF", "ZPL"), null, AT, "label-1",
            new Money(new BigDecimal("5.70"), "EUR"), null);
    private static final LabelPurchaseUnconfirmed UNCONFIRMED = new LabelPurchaseUnconfirmed(SHIPMENT, TENANT, "koiki",
            "KOIKI_TIMEOUT", "no answer", AT, null);
    private static final LabelPurchaseFailed PURCHASE_FAILED = new LabelPurchaseFailed(SHIPMENT, TENANT, "sandbox",
            "SANDBOX_REFUSED", "refused", false, AT, null);
    private static final LabelVoided VOIDED = new LabelVoided(SHIPMENT, TENANT, "sandbox", TRACKING, AT.plusHours(1));
    private static final LabelVoidFailed VOID_FAILED = new LabelVoidFailed(SHIPMENT, TENANT, "sandbox",
            "CARRIER_UNAVAILABLE", "503", AT.plusHours(1));
    private static final LabelCancelledBeforePurchase CANCELLED = new LabelCancelledBeforePurchase(SHIPMENT, TENANT,
            "cancelled by erp-acme", AT.plusMinutes(5));

    // ---- purchase ----

    @Test
    void aShipmentWithoutLabelGetsAPurchaseIntentFirst() {
        assertThat(LabelDecider.needsPurchase(Label.NONE)).isTrue();
        assertThat(LabelDecider.decide(new RecordRequest(REQUESTED), Label.NONE)).containsExactly(REQUESTED);
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), Label.NONE)).as("no outcome without an intent").isEmpty();
        assertThat(LabelDecider.decide(new RecordFailure(PURCHASE_FAILED), Label.NONE)).as("a failure before any carrier call")
                .containsExactly(PURCHASE_FAILED);
        Label requested = fold(REQUESTED);
        assertThat(requested.status()).isEqualTo(Label.Status.REQUESTED);
        assertThat(LabelDecider.decide(new RecordRequest(REQUESTED), requested)).as("an open intent is not requested twice")
                .isEmpty();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), requested)).containsExactly(PURCHASED);
    }

    @Test
    void aLabelIsBoughtOnce() {
        Label purchased = fold(REQUESTED, PURCHASED);
        assertThat(purchased).isEqualTo(new Label(Label.Status.PURCHASED, TENANT, "sandbox", TRACKING, REQUESTED, false));
        assertThat(LabelDecider.needsPurchase(purchased)).isFalse();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), purchased)).isEmpty();
        assertThat(LabelDecider.nextStep(purchased, false, true)).isEqualTo(PurchaseStep.DROP);
    }

    @Test
    void aFailedPurchaseMayBeRequestedAgain() {
        Label failed = fold(REQUESTED, PURCHASE_FAILED);
        assertThat(failed.status()).isEqualTo(Label.Status.FAILED);
        assertThat(LabelDecider.needsPurchase(failed)).isTrue();
        assertThat(LabelDecider.decide(new RecordRequest(REQUESTED), failed)).containsExactly(REQUESTED);
    }

    // ---- resuming an open intent ----

    @Test
    void anOpenIntentCallsTheCarrier() {
        assertThat(LabelDecider.nextStep(fold(REQUESTED), false, false)).isEqualTo(PurchaseStep.CALL_CARRIER);
    }

    @Test
    void aCallWithoutRecordedOutcomeIsRepeatedOnlyWithAnIdempotencyKey() {
        Label requested = fold(REQUESTED);
        assertThat(LabelDecider.nextStep(requested, true, true)).isEqualTo(PurchaseStep.CALL_CARRIER);
        assertThat(LabelDecider.nextStep(requested, true, false)).isEqualTo(PurchaseStep.RECORD_UNCONFIRMED);
        assertThat(LabelDecider.decide(new RecordUnconfirmed(UNCONFIRMED), requested)).containsExactly(UNCONFIRMED);
        Label unconfirmed = fold(REQUESTED, UNCONFIRMED);
        assertThat(unconfirmed.status()).isEqualTo(Label.Status.UNCONFIRMED);
        assertThat(LabelDecider.needsPurchase(unconfirmed)).as("never re-bought blindly").isFalse();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), unconfirmed)).isEmpty();
    }

    // ---- cancellation during a purchase ----

    @Test
    void anIntentCancelledBeforeItsCallIsDropped() {
        Label cancelled = fold(REQUESTED, CANCELLED);
        assertThat(LabelDecider.onCancel(fold(REQUESTED))).isEqualTo(CancelAction.RECORD_CANCELLATION);
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(LabelDecider.nextStep(cancelled, false, false)).isEqualTo(PurchaseStep.DROP);
        assertThat(LabelDecider.needsPurchase(cancelled)).isFalse();
        assertThat(LabelDecider.onCancel(cancelled)).isEqualTo(CancelAction.NOTHING);
    }

    @Test
    void aLabelBoughtWhileTheShipmentWasCancelledIsVoidedAtOnce() {
        Label cancelledInFlight = fold(REQUESTED, CANCELLED);
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), cancelledInFlight)).containsExactly(PURCHASED);
        Label bought = fold(REQUESTED, CANCELLED, PURCHASED);
        assertThat(LabelDecider.needsVoidAfterPurchase(bought)).isTrue();
        assertThat(bought.voidedOrVoiding()).as("not served while it is being voided").isTrue();
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), bought)).containsExactly(VOIDED);
        assertThat(LabelDecider.needsVoidAfterPurchase(fold(REQUESTED, CANCELLED, PURCHASED, VOIDED))).isFalse();
        assertThat(LabelDecider.needsVoidAfterPurchase(fold(REQUESTED, PURCHASED))).isFalse();
    }

    // ---- cancellation of a purchased label ----

    @Test
    void cancellingAPurchasedLabelVoidsItWithTheCarrier() {
        Label purchased = fold(REQUESTED, PURCHASED);
        assertThat(LabelDecider.onCancel(purchased)).isEqualTo(CancelAction.VOID_WITH_CARRIER);
        assertThat(LabelDecider.needsVoid(purchased)).isTrue();
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), purchased)).containsExactly(VOIDED);
        assertThat(fold(REQUESTED, PURCHASED, VOIDED)).isEqualTo(new Label(Label.Status.VOIDED, TENANT, "sandbox", TRACKING,
                REQUESTED, false));
    }

    @Test
    void aLabelIsVoidedOnceASecondCancellationIsANoOp() {
        Label voided = fold(REQUESTED, PURCHASED, VOIDED);
        assertThat(LabelDecider.onCancel(voided)).isEqualTo(CancelAction.NOTHING);
        assertThat(LabelDecider.needsVoid(voided)).isFalse();
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), voided)).isEmpty();
        assertThat(LabelDecider.decide(new RecordVoidFailure(VOID_FAILED), voided)).isEmpty();
        assertThat(LabelDecider.decide(new RecordCancellation(CANCELLED), voided)).isEmpty();
    }

    @Test
    void aVoidedLabelIsNeverBoughtAgain() {
        Label voided = fold(REQUESTED, PURCHASED, VOIDED);
        assertThat(LabelDecider.needsPurchase(voided)).isFalse();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), voided)).isEmpty();
    }

    @Test
    void aRefusedVoidLeavesTheLabelPurchasedSoALaterCancellationTriesAgain() {
        assertThat(LabelDecider.decide(new RecordVoidFailure(VOID_FAILED), fold(REQUESTED, PURCHASED))).containsExactly(VOID_FAILED);
        Label stillPurchased = fold(REQUESTED, PURCHASED, VOID_FAILED);
        assertThat(stillPurchased).isEqualTo(fold(REQUESTED, PURCHASED));
        assertThat(LabelDecider.onCancel(stillPurchased)).isEqualTo(CancelAction.VOID_WITH_CARRIER);
        assertThat(LabelDecider.needsPurchase(stillPurchased)).isFalse();
    }

    // ---- cancellation without a purchased label ----

    @Test
    void cancellingBeforeAnyLabelIsRecordedWithoutACarrierCall() {
        assertThat(LabelDecider.onCancel(Label.NONE)).isEqualTo(CancelAction.RECORD_CANCELLATION);
        assertThat(LabelDecider.needsVoid(Label.NONE)).isFalse();
        assertThat(LabelDecider.decide(new RecordCancellation(CANCELLED), Label.NONE)).containsExactly(CANCELLED);
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), Label.NONE)).as("nothing to void").isEmpty();
    }

    @Test
    void aShipmentCancelledBeforeItsLabelNeverGetsOne() {
        Label cancelled = fold(CANCELLED);
        assertThat(cancelled).isEqualTo(new Label(Label.Status.CANCELLED, TENANT, null, null, null, true));
        assertThat(LabelDecider.needsPurchase(cancelled)).isFalse();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), cancelled)).isEmpty();
        assertThat(LabelDecider.decide(new RecordFailure(PURCHASE_FAILED), cancelled)).isEmpty();
    }

    @Test
    void aSecondCancellationBeforeTheLabelIsANoOp() {
        Label cancelled = fold(CANCELLED);
        assertThat(LabelDecider.onCancel(cancelled)).isEqualTo(CancelAction.NOTHING);
        assertThat(LabelDecider.decide(new RecordCancellation(CANCELLED), cancelled)).isEmpty();
    }

    @Test
    void aFailedLabelNeedsNoVoidButTheCancellationStopsFurtherAttempts() {
        Label failed = fold(REQUESTED, PURCHASE_FAILED);
        assertThat(LabelDecider.needsVoid(failed)).isFalse();
        assertThat(LabelDecider.onCancel(failed)).isEqualTo(CancelAction.RECORD_CANCELLATION);
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), failed)).isEmpty();
        assertThat(LabelDecider.decide(new RecordCancellation(CANCELLED), failed)).containsExactly(CANCELLED);

        Label cancelled = fold(REQUESTED, PURCHASE_FAILED, CANCELLED);
        assertThat(cancelled.status()).isEqualTo(Label.Status.CANCELLED);
        assertThat(LabelDecider.needsPurchase(cancelled)).isFalse();
    }

    @Test
    void everyStateHasACancelAction() {
        for (Label.Status status : Label.Status.values()) {
            assertThat(LabelDecider.onCancel(new Label(status, TENANT, "sandbox", TRACKING, null, false))).isNotNull();
        }
    }

    private static Label fold(LabelEvent... events) {
        Label state = Label.NONE;
        for (LabelEvent event : events) {
            state = LabelDecider.evolve(state, event);
        }
        return state;
    }
}
