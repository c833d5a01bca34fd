package io.waybill.returns.gettingreturns;

import io.waybill.contracts.ReturnItem;
import io.waybill.returns.returning.InspectedItem;
import io.waybill.returns.returning.ReturnLabel;
import io.waybill.returns.returning.Return.StockAdjustment;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the ERP reads about a return. {@code status}: REGISTERED, IN_TRANSIT, RECEIVED, INSPECTED
 * or CLOSED. {@code policy} is the tenant's restock policy at receipt; {@code stockAdjustments} are
 * the StockAdjusted events decided for it (with the adjustmentId the ERP de-duplicates on).
 * {@code returnLabel} is the return label's state (REQUESTED, ISSUED, or FAILED with the reason);
 * {@code returnCarrier} and {@code returnTrackingNumber} name the return parcel when it has its own label.
 */
public record ReturnView(
        String id,
        String tenantId,
        String shipmentId,
        String status,
        String source,
        String reason,
        List<ReturnItem> items,
        String returnTrackingNumber,
        String returnCarrier,
        ReturnLabel returnLabel,
        String warehouseId,
        boolean returnLabelRequested,
        String policy,
        List<InspectedItem> inspection,
        List<StockAdjustment> stockAdjustments,
        OffsetDateTime openedAt,
        OffsetDateTime inTransitAt,
        OffsetDateTime receivedAt,
        OffsetDateTime closedAt,
        OffsetDateTime lastEventAt,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
