package io.waybill.order.gettingshipments;

import io.waybill.contracts.ParcelLabel;
import io.waybill.order.shipment.Shipment.LabelFailure;
import io.waybill.order.shipment.ShipmentDetails;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the ERP reads about a shipment. {@code labels}: download links by format, once labelled. */
public record ShipmentView(
        String id,
        String tenantId,
        String orderReference,
        String status,
        String carrier,
        String service,
        String labelFormat,
        String trackingNumber,
        List<ParcelLabel> parcels,
        Map<String, String> labels,
        LabelFailure labelFailure,
        String trackingStatus,
        OffsetDateTime trackingStatusAt,
        OffsetDateTime lastEventAt,
        ShipmentDetails details,
        long version,
        OffsetDateTime createdAt) {
}
