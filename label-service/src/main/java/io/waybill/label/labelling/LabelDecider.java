package io.waybill.label.labelling;

import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import java.util.List;

/**
 * Pure rules of a shipment's label. The one that matters: a label is bought once. A second purchase
 * outcome for a shipment that has one (a redelivered ShipmentValidated, a retry) records nothing.
 */
public final class LabelDecider {

    private LabelDecider() {
    }

    /** The outcome of asking the carrier, to be recorded. */
    public sealed interface RecordOutcome {
        LabelEvent event();
    }

    public record RecordPurchase(LabelPurchased event) implements RecordOutcome {
    }

    public record RecordFailure(LabelPurchaseFailed event) implements RecordOutcome {
    }

    public static boolean needsPurchase(Label state) {
        return state.status() != Label.Status.PURCHASED;
    }

    public static List<LabelEvent> decide(RecordOutcome command, Label state) {
        if (!needsPurchase(state)) {
            return List.of();
        }
        return List.of(command.event());
    }

    public static Label evolve(Label state, LabelEvent event) {
        return switch (event) {
            case LabelPurchased purchased -> new Label(Label.Status.PURCHASED, purchased.tenantId(), purchased.trackingNumber());
            case LabelPurchaseFailed failed -> new Label(Label.Status.FAILED, failed.tenantId(), state.trackingNumber());
        };
    }
}
