package io.waybill.label.labelling;

import io.waybill.label.labelling.LabelEvent.LabelCancelledBeforePurchase;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import io.waybill.label.labelling.LabelEvent.LabelVoidFailed;
import io.waybill.label.labelling.LabelEvent.LabelVoided;
import java.util.List;

/**
 * Pure rules of a shipment's label.
 *
 * <ul>
 *   <li>A label is bought once. A second purchase outcome for a shipment that has one (a redelivered
 *       ShipmentValidated, a retry) records nothing.</li>
 *   <li>A cancelled shipment gets no label: once cancelled (voided, or cancelled before purchase)
 *       no purchase is recorded any more.</li>
 *   <li>A cancellation voids a purchased label with the carrier, once; a second cancellation is a
 *       no-op. Without a purchased label (none yet, or failed) there is nothing to void: the
 *       cancellation is recorded so that a later ShipmentValidated buys nothing.</li>
 * </ul>
 */
public final class LabelDecider {

    private LabelDecider() {
    }

    /** An outcome (of asking the carrier, or of a cancellation) to be recorded. */
    public sealed interface RecordOutcome {
        LabelEvent event();
    }

    public record RecordPurchase(LabelPurchased event) implements RecordOutcome {
    }

    public record RecordFailure(LabelPurchaseFailed event) implements RecordOutcome {
    }

    public record RecordVoid(LabelVoided event) implements RecordOutcome {
    }

    public record RecordVoidFailure(LabelVoidFailed event) implements RecordOutcome {
    }

    public record RecordCancellation(LabelCancelledBeforePurchase event) implements RecordOutcome {
    }

    /** What a shipment cancellation has to do, given the label's state. */
    public enum CancelAction {
        /** A label is purchased: void it with the carrier and record LabelVoided / LabelVoidFailed. */
        VOID_WITH_CARRIER,
        /** No label bought (none yet, or failed): record LabelCancelledBeforePurchase, no carrier call. */
        RECORD_CANCELLATION,
        /** Already voided or cancelled: nothing to do. */
        NOTHING
    }

    /** Whether the carrier should be asked for a label: not once one is bought or the shipment is cancelled. */
    public static boolean needsPurchase(Label state) {
        return state.status() == Label.Status.NONE || state.status() == Label.Status.FAILED;
    }

    /** Whether a cancellation has to void a label with the carrier. */
    public static boolean needsVoid(Label state) {
        return state.status() == Label.Status.PURCHASED;
    }

    public static CancelAction onCancel(Label state) {
        return switch (state.status()) {
            case PURCHASED -> CancelAction.VOID_WITH_CARRIER;
            case NONE, FAILED -> CancelAction.RECORD_CANCELLATION;
            case VOIDED, CANCELLED -> CancelAction.NOTHING;
        };
    }

    /** Records the outcome only while it still applies; a late or repeated one records nothing. */
    public static List<LabelEvent> decide(RecordOutcome command, Label state) {
        boolean applies = switch (command) {
            case RecordPurchase purchase -> needsPurchase(state);
            case RecordFailure failure -> needsPurchase(state);
            case RecordVoid voided -> needsVoid(state);
            case RecordVoidFailure failure -> needsVoid(state);
            case RecordCancellation cancellation -> onCancel(state) == CancelAction.RECORD_CANCELLATION;
        };
        return applies ? List.of(command.event()) : List.of();
    }

    public static Label evolve(Label state, LabelEvent event) {
        return switch (event) {
            case LabelPurchased purchased -> new Label(Label.Status.PURCHASED, purchased.tenantId(), purchased.carrier(),
                    purchased.trackingNumber());
            case LabelPurchaseFailed failed -> new Label(Label.Status.FAILED, failed.tenantId(), failed.carrier(),
                    state.trackingNumber());
            case LabelVoided voided -> new Label(Label.Status.VOIDED, voided.tenantId(), voided.carrier(),
                    voided.trackingNumber());
            // The carrier still holds a valid booking: the label stays purchased (and voidable).
            case LabelVoidFailed failed -> state;
            case LabelCancelledBeforePurchase cancelled -> new Label(Label.Status.CANCELLED, cancelled.tenantId(),
                    state.carrier(), state.trackingNumber());
        };
    }
}
