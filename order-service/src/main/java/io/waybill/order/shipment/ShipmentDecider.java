package io.waybill.order.shipment;

import io.waybill.order.shipment.Shipment.ShipmentStatus;
import io.waybill.order.shipment.ShipmentCommand.AcceptShipment;
import io.waybill.order.shipment.ShipmentCommand.AttachLabel;
import io.waybill.order.shipment.ShipmentCommand.CancelShipment;
import io.waybill.order.shipment.ShipmentCommand.RecordLabelFailure;
import io.waybill.order.shipment.ShipmentCommand.RecordTrackingStatus;
import io.waybill.order.shipment.ShipmentEvent.LabelAttached;
import io.waybill.order.shipment.ShipmentEvent.LabelFailureRecorded;
import io.waybill.order.shipment.ShipmentEvent.ShipmentAccepted;
import io.waybill.order.shipment.ShipmentEvent.ShipmentCancelled;
import io.waybill.order.shipment.ShipmentEvent.ShippedAfterCancellation;
import io.waybill.order.shipment.ShipmentEvent.TrackingStatusRecorded;
import io.waybill.order.shipment.ShipmentEvent.WarehouseStepRecorded;
import java.util.List;

/** The Shipment aggregate's pure rules: decide (command, state → events) and evolve (state, event → state). */
public final class ShipmentDecider {

    private ShipmentDecider() {
    }

    public static List<ShipmentEvent> decide(ShipmentCommand command, Shipment state) {
        return switch (command) {
            case AcceptShipment accept -> {
                if (state.status() != ShipmentStatus.NONE) {
                    throw new ShipmentRuleViolated("Shipment " + accept.shipmentId() + " already exists");
                }
                yield List.of(new ShipmentAccepted(accept.shipmentId(), accept.tenantId(), accept.details(), accept.at()));
            }
            case AttachLabel attach -> {
                requireExisting(state);
                if (state.status() == ShipmentStatus.CANCELLED && state.fulfilled()) {
                    // A warehouse cannot void a parcel it has sent: the cancellation came too late (ADR 0094).
                    yield state.shippedAfterCancellation() ? List.of()
                            : List.of(new ShippedAfterCancellation(state.id(), attach.carrier(), attach.service(),
                                    attach.trackingNumber(), attach.parcels(), attach.at()));
                }
                if (state.status() == ShipmentStatus.CANCELLED
                        || (state.status() == ShipmentStatus.LABELLED && attach.trackingNumber().equals(state.trackingNumber()))) {
                    yield List.of(); // a label for a cancelled shipment is voided by label-service; a repeat changes nothing
                }
                yield List.of(new LabelAttached(state.id(), attach.carrier(), attach.service(), attach.trackingNumber(),
                        attach.parcels(), attach.formats(), attach.at()));
            }
            case RecordLabelFailure failure -> {
                requireExisting(state);
                if (state.status() == ShipmentStatus.LABELLED || state.status() == ShipmentStatus.CANCELLED) {
                    yield List.of();
                }
                yield List.of(new LabelFailureRecorded(state.id(), failure.carrier(), failure.reasonCode(), failure.reason(),
                        failure.retryable(), failure.at()));
            }
            case RecordTrackingStatus status -> {
                requireExisting(state);
                if (state.fulfilled() && state.details().fulfillment().partner().equals(status.carrier())) {
                    // The partner's warehouse reports a step: shown as such, never taken for a carrier scan.
                    boolean known = state.warehouseSteps().stream().anyMatch(s -> java.util.Objects.equals(s.code(), status.carrierCode())
                            && s.occurredAt().isEqual(status.occurredAt()));
                    yield known ? List.of() : List.of(new WarehouseStepRecorded(state.id(), status.carrier(),
                            status.carrierCode(), status.description(), status.occurredAt()));
                }
                // Tracking orders events by time; a status older than the one shown does not replace it.
                if (state.trackingStatusAt() != null && !status.occurredAt().isAfter(state.trackingStatusAt())) {
                    yield List.of();
                }
                yield List.of(new TrackingStatusRecorded(state.id(), status.status(), status.carrierCode(),
                        status.description(), status.occurredAt()));
            }
            case CancelShipment cancel -> {
                requireExisting(state);
                if (state.status() == ShipmentStatus.CANCELLED) {
                    yield List.of();
                }
                if (state.fulfilled() && state.status() == ShipmentStatus.LABELLED) {
                    throw new ShipmentRuleViolated("Shipment " + state.id() + " was already shipped by the "
                            + state.details().fulfillment().partner() + " warehouse and can no longer be cancelled");
                }
                if (state.trackingStatus() != null) {
                    throw new ShipmentRuleViolated("Shipment " + state.id() + " was already scanned by the carrier ("
                            + state.trackingStatus() + ") and can no longer be cancelled");
                }
                yield List.of(new ShipmentCancelled(state.id(), state.tenantId(), state.details().orderReference(), cancel.reason(),
                        cancel.at()));
            }
        };
    }

    public static Shipment evolve(Shipment state, ShipmentEvent event) {
        return switch (event) {
            case ShipmentAccepted accepted -> new Shipment(accepted.shipmentId(), accepted.tenantId(), ShipmentStatus.ACCEPTED,
                    accepted.details(), accepted.details().carrier(), accepted.details().service(), null, List.of(), List.of(),
                    null, null, null, accepted.acceptedAt(), accepted.acceptedAt(), List.of(), false);
            case LabelAttached attached -> state.labelled(attached.carrier(), attached.service(), attached.trackingNumber(),
                    attached.parcels(), attached.formats(), attached.generatedAt());
            case LabelFailureRecorded failed -> state.labelFailed(
                    new Shipment.LabelFailure(failed.reasonCode(), failed.reason(), failed.retryable()), failed.failedAt());
            case TrackingStatusRecorded recorded -> state.tracked(recorded.status(), recorded.occurredAt());
            case ShipmentCancelled cancelled -> state.cancelled(cancelled.cancelledAt());
            case WarehouseStepRecorded step -> state.atWarehouseStep(new Shipment.WarehouseStep(step.code(), step.description(),
                    step.occurredAt()));
            case ShippedAfterCancellation shipped -> state.shippedAfterCancellation(shipped.carrier(), shipped.service(),
                    shipped.trackingNumber(), shipped.parcels(), shipped.shippedAt());
        };
    }

    private static void requireExisting(Shipment state) {
        if (state.status() == ShipmentStatus.NONE) {
            throw new ShipmentRuleViolated("Unknown shipment");
        }
    }
}
