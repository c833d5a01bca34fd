package io.waybill.order.shipment;

import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.List;

/** A shipment as folded from its events; {@code lastEventAt} is the time of the newest event applied. */
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
        OffsetDateTime lastEventAt) {

    public static final Shipment NONE = new Shipment(null, null, ShipmentStatus.NONE, null, null, null, null, List.of(), List.of(),
            null, null, null, null, null);

    public enum ShipmentStatus {
        NONE, ACCEPTED, LABELLED, LABEL_FAILED, CANCELLED
    }

    public record LabelFailure(String reasonCode, String reason, boolean retryable) {
    }

    Shipment cancelled(OffsetDateTime at) {
        return new Shipment(id, tenantId, ShipmentStatus.CANCELLED, details, carrier, service, trackingNumber, parcelLabels,
                labelFormats,
                labelFailure, trackingStatus, trackingStatusAt, acceptedAt, at);
    }

    /** The carrier service is the one the label was bought with (chosen by a selection rule, or as named). */
    Shipment labelled(String labelCarrier, String labelService, String tracking, List<ParcelLabel> parcels, List<String> formats,
            OffsetDateTime at) {
        return new Shipment(id, tenantId, ShipmentStatus.LABELLED, details, labelCarrier, labelService, tracking,
                parcels == null ? List.of() : parcels,
                formats == null ? List.of() : formats, null, trackingStatus, trackingStatusAt, acceptedAt, latest(at));
    }

    Shipment labelFailed(LabelFailure failure, OffsetDateTime at) {
        return new Shipment(id, tenantId, ShipmentStatus.LABEL_FAILED, details, carrier, service, trackingNumber, parcelLabels,
                labelFormats,
                failure, trackingStatus, trackingStatusAt, acceptedAt, latest(at));
    }

    Shipment tracked(TrackingStatus status, OffsetDateTime at) {
        return new Shipment(id, tenantId, this.status, details, carrier, service, trackingNumber, parcelLabels, labelFormats,
                labelFailure,
                status, at, acceptedAt, latest(at));
    }

    private OffsetDateTime latest(OffsetDateTime at) {
        return lastEventAt == null || at.isAfter(lastEventAt) ? at : lastEventAt;
    }
}
