package io.waybill.label.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.ParcelLabel;
import io.waybill.label.labelling.LabelDecider.CancelAction;
import io.waybill.label.labelling.LabelDecider.RecordCancellation;
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

    private static final LabelPurchased PURCHASED = new LabelPurchased(SHIPMENT, TENANT, "sandbox", "standard", TRACKING,
            List.of(new ParcelLabel(1, TRACKING)), "ES-080", List.of("PDF", "ZPL"), null, AT);
    private static final LabelPurchaseFailed PURCHASE_FAILED = new LabelPurchaseFailed(SHIPMENT, TENANT, "sandbox",
            "SANDBOX_REFUSED", "refused", false, AT);
    private static final LabelVoided VOIDED = new LabelVoided(SHIPMENT, TENANT, "sandbox", TRACKING, AT.plusHours(1));
    private static final LabelVoidFailed VOID_FAILED = new LabelVoidFailed(SHIPMENT, TENANT, "sandbox",
            "CARRIER_UNAVAILABLE", "503", AT.plusHours(1));
    private static final LabelCancelledBeforePurchase CANCELLED = new LabelCancelledBeforePurchase(SHIPMENT, TENANT,
            "cancelled by erp-acme", AT.plusMinutes(5));

    // ---- purchase ----

    @Test
    void aShipmentWithoutLabelNeedsOneAndItsPurchaseIsRecorded() {
        assertThat(LabelDecider.needsPurchase(Label.NONE)).isTrue();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), Label.NONE)).containsExactly(PURCHASED);
        assertThat(LabelDecider.decide(new RecordFailure(PURCHASE_FAILED), Label.NONE)).containsExactly(PURCHASE_FAILED);
    }

    @Test
    void aLabelIsBoughtOnce() {
        Label purchased = fold(PURCHASED);
        assertThat(purchased).isEqualTo(new Label(Label.Status.PURCHASED, TENANT, "sandbox", TRACKING));
        assertThat(LabelDecider.needsPurchase(purchased)).isFalse();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), purchased)).isEmpty();
    }

    @Test
    void aFailedPurchaseMayBeTriedAgain() {
        Label failed = fold(PURCHASE_FAILED);
        assertThat(failed.status()).isEqualTo(Label.Status.FAILED);
        assertThat(LabelDecider.needsPurchase(failed)).isTrue();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), failed)).containsExactly(PURCHASED);
    }

    // ---- cancellation of a purchased label ----

    @Test
    void cancellingAPurchasedLabelVoidsItWithTheCarrier() {
        Label purchased = fold(PURCHASED);
        assertThat(LabelDecider.onCancel(purchased)).isEqualTo(CancelAction.VOID_WITH_CARRIER);
        assertThat(LabelDecider.needsVoid(purchased)).isTrue();
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), purchased)).containsExactly(VOIDED);
        assertThat(fold(PURCHASED, VOIDED)).isEqualTo(new Label(Label.Status.VOIDED, TENANT, "sandbox", TRACKING));
    }

    @Test
    void aLabelIsVoidedOnceASecondCancellationIsANoOp() {
        Label voided = fold(PURCHASED, VOIDED);
        assertThat(LabelDecider.onCancel(voided)).isEqualTo(CancelAction.NOTHING);
        assertThat(LabelDecider.needsVoid(voided)).isFalse();
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), voided)).isEmpty();
        assertThat(LabelDecider.decide(new RecordVoidFailure(VOID_FAILED), voided)).isEmpty();
        assertThat(LabelDecider.decide(new RecordCancellation(CANCELLED), voided)).isEmpty();
    }

    @Test
    void aVoidedLabelIsNeverBoughtAgain() {
        Label voided = fold(PURCHASED, VOIDED);
        assertThat(LabelDecider.needsPurchase(voided)).isFalse();
        assertThat(LabelDecider.decide(new RecordPurchase(PURCHASED), voided)).isEmpty();
    }

    @Test
    void aRefusedVoidLeavesTheLabelPurchasedSoALaterCancellationTriesAgain() {
        assertThat(LabelDecider.decide(new RecordVoidFailure(VOID_FAILED), fold(PURCHASED))).containsExactly(VOID_FAILED);
        Label stillPurchased = fold(PURCHASED, VOID_FAILED);
        assertThat(stillPurchased).isEqualTo(fold(PURCHASED));
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
        assertThat(cancelled).isEqualTo(new Label(Label.Status.CANCELLED, TENANT, null, null));
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
        Label failed = fold(PURCHASE_FAILED);
        assertThat(LabelDecider.needsVoid(failed)).isFalse();
        assertThat(LabelDecider.onCancel(failed)).isEqualTo(CancelAction.RECORD_CANCELLATION);
        assertThat(LabelDecider.decide(new RecordVoid(VOIDED), failed)).isEmpty();
        assertThat(LabelDecider.decide(new RecordCancellation(CANCELLED), failed)).containsExactly(CANCELLED);

        Label cancelled = fold(PURCHASE_FAILED, CANCELLED);
        assertThat(cancelled.status()).isEqualTo(Label.Status.CANCELLED);
        assertThat(LabelDecider.needsPurchase(cancelled)).isFalse();
    }

    @Test
    void everyStateHasACancelAction() {
        for (Label.Status status : Label.Status.values()) {
            assertThat(LabelDecider.onCancel(new Label(status, TENANT, "sandbox", TRACKING))).isNotNull();
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
