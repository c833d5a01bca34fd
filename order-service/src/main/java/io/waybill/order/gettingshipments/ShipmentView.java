package io.waybill.order.gettingshipments;

import io.waybill.order.shipment.ShipmentDetails;
import java.time.OffsetDateTime;

/** What the ERP reads about a shipment. */
public record ShipmentView(
        String id,
        String tenantId,
        String orderReference,
        String status,
        String carrier,
        String service,
        String labelFormat,
        String trackingNumber,
        String trackingStatus,
        OffsetDateTime trackingStatusAt,
        ShipmentDetails details,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
