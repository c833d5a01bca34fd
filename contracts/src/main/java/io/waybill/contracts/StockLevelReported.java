package io.waybill.contracts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A fulfillment partner (3PL warehouse) reported its stock levels: absolute numbers per SKU, not
 * deltas (those are {@link StockAdjusted}). {@code reportId} is stable per report, so consumers drop
 * a re-sent copy.
 *
 * <p>Not about one shipment: the Kafka key and CloudEvents subject ({@link #shipmentId()}) are
 * {@code stock/<partner>/<warehouseId>}, so one warehouse's reports stay in order on one partition.
 */
public record StockLevelReported(
        String reportId,
        String tenantId,
        String partner,
        String warehouseId,
        List<StockLevel> levels,
        OffsetDateTime reportedAt) implements PublicEvent {

    public StockLevelReported {
        levels = Immutable.copy(levels);
    }

    /** The record key and subject; not a data field (the schema has no {@code shipmentId}). */
    @Override
    public String shipmentId() {
        return "stock/" + partner + "/" + warehouseId;
    }
}
