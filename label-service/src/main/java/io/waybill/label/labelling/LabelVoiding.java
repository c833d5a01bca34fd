package io.waybill.label.labelling;

import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.contracts.ShipmentCancelled;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.StreamState;
import io.waybill.label.carrier.Carriers;
import io.waybill.label.labelling.LabelDecider.RecordCancellation;
import io.waybill.label.labelling.LabelDecider.RecordOutcome;
import io.waybill.label.labelling.LabelDecider.RecordVoid;
import io.waybill.label.labelling.LabelDecider.RecordVoidFailure;
import io.waybill.label.labelling.LabelEvent.LabelCancelledBeforePurchase;
import io.waybill.label.labelling.LabelEvent.LabelVoidFailed;
import io.waybill.label.labelling.LabelEvent.LabelVoided;
import io.waybill.eventstore.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Handles a cancelled shipment, in the caller's transaction: a purchased label is voided with its
 * carrier (LabelVoided, or LabelVoidFailed when the carrier refuses); a shipment without a purchased
 * label gets LabelCancelledBeforePurchase, so that no label is bought for it later. A repeated
 * cancellation records nothing ({@link LabelDecider#onCancel}).
 *
 * <p>If the append fails after the carrier voided (a concurrent writer), the whole message is retried
 * and the void is sent again; adapters treat voiding an already voided number as success.
 */
@ApplicationScoped
public class LabelVoiding {

    private final EventStore store;
    private final Carriers carriers;

    public LabelVoiding(EventStore store, Carriers carriers) {
        this.store = store;
        this.carriers = carriers;
    }

    public void cancel(Connection c, ShipmentCancelled cancelled, String causationId) throws SQLException {
        String stream = LabelEvents.streamId(cancelled.shipmentId());
        StreamState<Label> current = store.fold(c, stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve);
        Label label = current.state();
        if (label.tenantId() != null && !label.tenantId().equals(cancelled.tenantId())) {
            throw new PoisonMessage("tenant " + cancelled.tenantId() + " does not own shipment " + cancelled.shipmentId(),
                    null);
        }
        RecordOutcome outcome = switch (LabelDecider.onCancel(label)) {
            case NOTHING -> null;
            case RECORD_CANCELLATION -> new RecordCancellation(new LabelCancelledBeforePurchase(cancelled.shipmentId(),
                    cancelled.tenantId(), cancelled.reason(), cancelled.cancelledAt()));
            case VOID_WITH_CARRIER -> voidWithCarrier(cancelled, label);
        };
        if (outcome == null) {
            return;
        }
        List<LabelEvent> events = LabelDecider.decide(outcome, label);
        store.append(c, stream, LabelEvents.STREAM_TYPE, current.version(), events, LabelEvents.CODEC,
                EventMetadata.of(cancelled.tenantId(), cancelled.shipmentId(), causationId));
    }

    /**
     * Voids a label that a purchase in flight bought for a shipment cancelled meanwhile: the carrier is
     * called outside any transaction, the outcome recorded if the label still needs it.
     */
    public void voidCancelled(String shipmentId) {
        String stream = LabelEvents.streamId(shipmentId);
        Label label = store.fold(stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve).state();
        if (!LabelDecider.needsVoidAfterPurchase(label)) {
            return;
        }
        RecordOutcome outcome = voidWithCarrier(shipmentId, label);
        Transactions.inTransaction(store.dataSource(), c -> {
            StreamState<Label> current = store.fold(c, stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve);
            store.append(c, stream, LabelEvents.STREAM_TYPE, current.version(),
                    LabelDecider.decide(outcome, current.state()), LabelEvents.CODEC,
                    EventMetadata.of(label.tenantId(), shipmentId, null));
            return null;
        });
    }

    private RecordOutcome voidWithCarrier(ShipmentCancelled cancelled, Label label) {
        return voidWithCarrier(cancelled.shipmentId(), label);
    }

    private RecordOutcome voidWithCarrier(String shipmentId, Label label) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Optional<CarrierAdapter> adapter = carriers.find(label.carrier());
        if (adapter.isEmpty()) {
            return new RecordVoidFailure(new LabelVoidFailed(shipmentId, label.tenantId(), label.carrier(),
                    "UNKNOWN_CARRIER", "No carrier adapter named '" + label.carrier() + "' is installed", now));
        }
        try {
            adapter.get().voidShipment(label.trackingNumber());
        } catch (CarrierException e) {
            return new RecordVoidFailure(new LabelVoidFailed(shipmentId, label.tenantId(), label.carrier(),
                    e.code(), e.getMessage(), now));
        }
        return new RecordVoid(new LabelVoided(shipmentId, label.tenantId(), label.carrier(),
                label.trackingNumber(), now));
    }
}
