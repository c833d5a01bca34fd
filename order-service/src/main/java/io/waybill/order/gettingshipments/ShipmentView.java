package io.waybill.order.gettingshipments;

import io.waybill.contracts.ParcelLabel;
import io.waybill.order.shipment.Shipment.LabelFailure;
import io.waybill.order.shipment.Shipment.WarehouseStep;
import io.waybill.order.shipment.ShipmentDetails;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the ERP reads about a shipment. {@code labels}: download links by format, once labelled.
 * {@code fulfillment}: for a shipment routed to a fulfillment partner, the partner, its warehouse and the
 * steps the warehouse reported (absent for carrier shipments).
 */
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
        OffsetDateTime createdAt,
        Fulfillment fulfillment) {

    /**
     * Where a 3PL ships the shipment: {@code partner} and {@code warehouse} as routed, {@code steps} as the
     * warehouse reported them (its code and words in the warehouse's time order, SHIPPED for its shipping confirmation), and
     * {@code shippedAfterCancellation} when the warehouse shipped it although it had been cancelled.
     */
    public record Fulfillment(String partner, String warehouse, List<WarehouseStep> steps, boolean shippedAfterCancellation) {
    }
}
