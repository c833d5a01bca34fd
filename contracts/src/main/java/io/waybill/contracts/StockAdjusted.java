package io.waybill.contracts;

import java.time.OffsetDateTime;

/**
 * A warehouse's stock of one SKU changed because of a return.
 *
 * <p>One event per SKU and warehouse, signed: positive when goods are restocked, negative for a
 * correction. {@code adjustmentId} lets consumers drop duplicates.
 */
public record StockAdjusted(
        String adjustmentId,
        String tenantId,
        String shipmentId,
        String returnId,
        String warehouseId,
        String sku,
        int quantityDelta,
        String reason,
        OffsetDateTime adjustedAt) implements PublicEvent {
}
