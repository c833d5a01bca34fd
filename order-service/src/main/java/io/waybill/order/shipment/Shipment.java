package io.waybill.order.shipment;

import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A shipment as folded from its events; {@code lastEventAt} is the time of the newest event applied.
 * {@code warehouseSteps}: what the fulfillment partner reported, oldest first (routed shipments only, ADR 0094);
 * {@code shippedAfterCancellation}: the warehouse shipped it although the merchant had cancelled it.
 */
public record Shipment(
        String id,
        String tenantId,
        ShipmentStatus status,
        ShipmentDetails details,
        String carrier,
        String service,
        String trackingNumber,
        List<ParcelLabel> parcelLabels,
        List<String> labelFormats,
        LabelFailure labelFailure,
        TrackingStatus trackingStatus,
        OffsetDateTime trackingStatusAt,
        OffsetDateTime acceptedAt,
        OffsetDateTime lastEventAt,
        List<WarehouseStep> warehouseSteps,
        boolean shippedAfterCancellation) {

    public static final Shipment NONE = new Shipment(null, null, ShipmentStatus.NONE, null, null, null, null, List.of(), List.of(),
            null, null, null, null, null, List.of(), false);

    public Shipment {
        warehouseSteps = warehouseSteps == null ? List.of() : List.copyOf(warehouseSteps);
    }

    public enum ShipmentStatus {
        NONE, ACCEPTED, LABELLED, LABEL_FAILED, CANCELLED
    }

    public record LabelFailure(String reasonCode, String reason, boolean retryable) {
    }

    /** One step a fulfillment partner's warehouse reported: its own code and words, and when. */
    public record WarehouseStep(String code, String description, OffsetDateTime occurredAt) {
    }

    /** Routed to a fulfillment partner (a 3PL warehouse ships it) rather than to a carrier label. */
    public boolean fulfilled() {
        return details != null && details.fulfillment() != null;
    }

    Shipment cancelled(OffsetDateTime at) {
        return new Shipment(id, tenantId, ShipmentStatus.CANCELLED, details, carrier, service, trackingNumber, parcelLabels,
                labelFormats, labelFailure, trackingStatus, trackingStatusAt, acceptedAt, at, warehouseSteps,
                shippedAfterCancellation);
    }

    /** The carrier service is the one the label was bought with (chosen by a selection rule, or as named). */
    Shipment labelled(String labelCarrier, String labelService, String tracking, List<ParcelLabel> parcels, List<String> formats,
            OffsetDateTime at) {
        return new Shipment(id, tenantId, ShipmentStatus.LABELLED, details, labelCarrier, labelService, tracking,
                parcels == null ? List.of() : parcels, formats == null ? List.of() : formats, null, trackingStatus,
                trackingStatusAt, acceptedAt, latest(at), shippedStep(labelCarrier, tracking, at), shippedAfterCancellation);
    }

    /** The warehouse shipped a cancelled shipment: it stays cancelled, but shows what was shipped. */
    Shipment shippedAfterCancellation(String labelCarrier, String labelService, String tracking, List<ParcelLabel> parcels,
            OffsetDateTime at) {
        return new Shipment(id, tenantId, ShipmentStatus.CANCELLED, details, labelCarrier, labelService, tracking,
                parcels == null ? List.of() : parcels, labelFormats, labelFailure, trackingStatus, trackingStatusAt, acceptedAt,
                latest(at), shippedStep(labelCarrier, tracking, at), true);
    }

    Shipment labelFailed(LabelFailure failure, OffsetDateTime at) {
        return new Shipment(id, tenantId, ShipmentStatus.LABEL_FAILED, details, carrier, service, trackingNumber, parcelLabels,
                labelFormats, failure, trackingStatus, trackingStatusAt, acceptedAt, latest(at), warehouseSteps,
                shippedAfterCancellation);
    }

    Shipment tracked(TrackingStatus status, OffsetDateTime at) {
        return new Shipment(id, tenantId, this.status, details, carrier, service, trackingNumber, parcelLabels, labelFormats,
                labelFailure, status, at, acceptedAt, latest(at), warehouseSteps, shippedAfterCancellation);
    }

    Shipment atWarehouseStep(WarehouseStep step) {
        return new Shipment(id, tenantId, status, details, carrier, service, trackingNumber, parcelLabels, labelFormats,
                labelFailure, trackingStatus, trackingStatusAt, acceptedAt, latest(step.occurredAt()), append(step),
                shippedAfterCancellation);
    }

    /** For a fulfilled shipment the label is the warehouse's shipping confirmation: its last step. */
    private List<WarehouseStep> shippedStep(String labelCarrier, String tracking, OffsetDateTime at) {
        return fulfilled() ? append(new WarehouseStep("SHIPPED", "Shipped with " + labelCarrier + " under " + tracking, at))
                : warehouseSteps;
    }

    /** In the warehouse's time order: steps and the shipping confirmation come on different topics, in any order. */
    private List<WarehouseStep> append(WarehouseStep step) {
        List<WarehouseStep> steps = new ArrayList<>(warehouseSteps);
        steps.add(step);
        steps.sort(Comparator.comparing(WarehouseStep::occurredAt));
        return steps;
    }

    private OffsetDateTime latest(OffsetDateTime at) {
        return lastEventAt == null || at.isAfter(lastEventAt) ? at : lastEventAt;
    }
}
