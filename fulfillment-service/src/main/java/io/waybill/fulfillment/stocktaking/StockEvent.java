package io.waybill.fulfillment.stocktaking;

import io.waybill.contracts.StockLevel;
import java.time.OffsetDateTime;
import java.util.List;

/** The private history of one partner warehouse's stock, one stream per tenant, partner and warehouse. */
public sealed interface StockEvent {

    /** The partner reported these levels, and they differ from the last report (published as StockLevelReported). */
    record StockLevelsRead(String reportId, String tenantId, String partner, String warehouse, List<StockLevel> levels,
            String source, OffsetDateTime reportedAt) implements StockEvent {

        public StockLevelsRead {
            levels = List.copyOf(levels);
        }
    }
}
