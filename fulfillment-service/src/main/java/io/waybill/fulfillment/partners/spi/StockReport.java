package io.waybill.fulfillment.partners.spi;

import io.waybill.contracts.StockLevel;
import java.time.OffsetDateTime;
import java.util.List;

/** A partner's stock of every article it reported, in one warehouse, at one moment. */
public record StockReport(String warehouse, List<StockLevel> levels, OffsetDateTime reportedAt, String source) {

    public StockReport {
        levels = List.copyOf(levels);
    }
}
