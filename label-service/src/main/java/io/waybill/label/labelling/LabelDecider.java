package io.waybill.label.labelling;

import io.waybill.label.labelling.LabelEvent.LabelCancelledBeforePurchase;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseRequested;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseUnconfirmed;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import io.waybill.label.labelling.LabelEvent.LabelVoidFailed;
import io.waybill.label.labelling.LabelEvent.LabelVoided;
import java.util.List;

/**
 * Pure rules of a shipment's label.
 *
 * <ul>
 *   <li>A label is bought once: the intent is recorded first (LabelPurchaseRequested), the carrier is
 *       called outside any transaction, and the outcome is recorded only while the intent is open.
 *       A second ShipmentValidated for a shipment with an open intent or a label records nothing.</li>
 *   <li>An intent whose previous carrier call has no recorded outcome is called again only if the
 *       carrier honours idempotency keys; otherwise it becomes LabelPurchaseUnconfirmed (ADR 0050).</li>
 *   <li>A cancelled shipment gets no label: once cancelled no purchase is requested; an intent not yet
 *       sent to the carrier is dropped; a label that a purchase in flight still brings is voided.</li>
 *   <li>A cancellation voids a purchased label with the carrier, once; a second cancellation is a no-op.</li>
 * </ul>
 */
public final class LabelDecider {

    private LabelDecider() {
    }

    /** An outcome (of asking the carrier, or of a cancellation) to be recorded. */
    public sealed interface RecordOutcome {
        LabelEvent event();
    }

    public record RecordRequest(LabelPurchaseRequested event) implements RecordOutcome {
    }

    public record RecordPurchase(LabelPurchased event) implements RecordOutcome {
    }

    public record RecordFailure(LabelPurchaseFailed event) implements RecordOutcome {
    }

    public record RecordUnconfirmed(LabelPurchaseUnconfirmed event) implements RecordOutcome {
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
        /** No label bought (none yet, failed, or in flight): record LabelCancelledBeforePurchase. */
        RECORD_CANCELLATION,
        /** Already voided or cancelled: nothing to do. */
        NOTHING
    }

    /** What to do with an open purchase intent that is due. */
    public enum PurchaseStep {
        CALL_CARRIER,
        /** The previous call's outcome is unknown and the carrier takes no idempotency key. */
        RECORD_UNCONFIRMED,
        /** Nothing to do (outcome recorded already, or cancelled before any call): forget the schedule entry. */
        DROP
    }

    /** Whether a purchase should be requested: not once one is open or bought, or the shipment is cancelled. */
    public static boolean needsPurchase(Label state) {
        return !state.cancelled() && (state.status() == Label.Status.NONE || state.status() == Label.Status.FAILED);
    }

    /** Whether a cancellation has to void a label with the carrier. */
    public static boolean needsVoid(Label state) {
        return state.status() == Label.Status.PURCHASED;
    }

    /** Whether a label was bought for a shipment that was cancelled while it was being bought. */
    public static boolean needsVoidAfterPurchase(Label state) {
        return state.status() == Label.Status.PURCHASED && state.cancelled();
    }

    public static CancelAction onCancel(Label state) {
        if (state.status() == Label.Status.PURCHASED) {
            return CancelAction.VOID_WITH_CARRIER; // also after a void that the carrier refused: try again
        }
        if (state.cancelled()) {
            return CancelAction.NOTHING;
        }
        return switch (state.status()) {
            case PURCHASED -> CancelAction.VOID_WITH_CARRIER;
            case NONE, FAILED, REQUESTED, UNCONFIRMED -> CancelAction.RECORD_CANCELLATION;
            case VOIDED, CANCELLED -> CancelAction.NOTHING;
        };
    }

    /**
     * @param previousCallStarted a carrier call for this intent started and its outcome was never recorded
     * @param idempotent the carrier honours idempotency keys
     */
    public static PurchaseStep nextStep(Label state, boolean previousCallStarted, boolean idempotent) {
        if (state.status() != Label.Status.REQUESTED) {
            return PurchaseStep.DROP;
        }
        if (previousCallStarted) {
            // Even for a cancelled shipment: calling again with the key tells the booking, which is then voided.
            return idempotent ? PurchaseStep.CALL_CARRIER : PurchaseStep.RECORD_UNCONFIRMED;
        }
        return state.cancelled() ? PurchaseStep.DROP : PurchaseStep.CALL_CARRIER;
    }

    /** Records the outcome only while it still applies; a late or repeated one records nothing. */
    public static List<LabelEvent> decide(RecordOutcome command, Label state) {
        boolean open = state.status() == Label.Status.REQUESTED;
        boolean applies = switch (command) {
            case RecordRequest request -> needsPurchase(state);
            case RecordPurchase purchase -> open;
            case RecordFailure failure -> open || needsPurchase(state);
            case RecordUnconfirmed unconfirmed -> open;
            case RecordVoid voided -> needsVoid(state);
            case RecordVoidFailure failure -> needsVoid(state);
            case RecordCancellation cancellation -> onCancel(state) == CancelAction.RECORD_CANCELLATION;
        };
        return applies ? List.of(command.event()) : List.of();
    }

    public static Label evolve(Label state, LabelEvent event) {
        return switch (event) {
            case LabelPurchaseRequested requested -> new Label(Label.Status.REQUESTED, requested.tenantId(),
                    requested.shipment().carrier(), null, requested, state.cancelled());
            case LabelPurchased purchased -> new Label(Label.Status.PURCHASED, purchased.tenantId(), purchased.carrier(),
                    purchased.trackingNumber(), state.request(), state.cancelled());
            case LabelPurchaseFailed failed -> new Label(state.cancelled() ? Label.Status.CANCELLED : Label.Status.FAILED,
                    failed.tenantId(), failed.carrier(), state.trackingNumber(), state.request(), state.cancelled());
            case LabelPurchaseUnconfirmed unconfirmed -> state.with(Label.Status.UNCONFIRMED);
            case LabelVoided voided -> new Label(Label.Status.VOIDED, voided.tenantId(), voided.carrier(),
                    voided.trackingNumber(), state.request(), state.cancelled());
            // The carrier still holds a valid booking: the label stays purchased (and voidable).
            case LabelVoidFailed failed -> state;
            case LabelCancelledBeforePurchase cancelled -> new Label(
                    // A purchase in flight stays open: its outcome is still recorded (and a label voided).
                    state.status() == Label.Status.REQUESTED || state.status() == Label.Status.UNCONFIRMED
                            ? state.status() : Label.Status.CANCELLED,
                    cancelled.tenantId(), state.carrier(), state.trackingNumber(), state.request(), true);
        };
    }
}
