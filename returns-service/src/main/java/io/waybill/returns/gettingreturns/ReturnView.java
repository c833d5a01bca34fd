package io.waybill.returns.gettingreturns;

import io.waybill.contracts.ReturnItem;
import java.time.OffsetDateTime;
import java.util.List;

/** What the ERP reads about a return. */
public record ReturnView(
        String id,
        String tenantId,
        String shipmentId,
        String status,
        String source,
        String reason,
        List<ReturnItem> items,
        String returnTrackingNumber,
        OffsetDateTime openedAt,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
