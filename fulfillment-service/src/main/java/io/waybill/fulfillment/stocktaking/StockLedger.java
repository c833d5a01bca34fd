package io.waybill.fulfillment.stocktaking;

import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.StockLevel;
import io.waybill.eventstore.EventCodec;
import io.waybill.fulfillment.partners.spi.StockReport;
import io.waybill.fulfillment.stocktaking.StockEvent.StockLevelsRead;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The pure rules of a warehouse's stock stream: a report is recorded only when its levels differ from the
 * last recorded ones, so polling every few minutes does not flood ERPs with identical reports.
 */
public final class StockLedger {

    public static final String STREAM_TYPE = "stock";
    public static final EventCodec<StockEvent> CODEC = EventCodec.forSealed(StockEvent.class, ContractsJson.mapper());

    private StockLedger() {
    }

    public static String streamId(String tenant, String partner, String warehouse) {
        return "stock-" + tenant + "-" + partner + "-" + warehouse;
    }

    /** The last recorded levels, sorted by SKU; empty before the first report. */
    public static List<StockLevel> evolve(List<StockLevel> state, StockEvent event) {
        return switch (event) {
            case StockLevelsRead read -> sorted(read.levels());
        };
    }

    public static List<StockEvent> decide(List<StockLevel> last, String tenant, String partner, StockReport report) {
        List<StockLevel> levels = sorted(report.levels());
        if (levels.isEmpty() || levels.equals(last)) {
            return List.of();
        }
        // Stable id per content: a re-sent copy of the same report is recognisable downstream.
        String reportId = "stk_" + UUID.nameUUIDFromBytes((tenant + "|" + partner + "|" + report.warehouse() + "|" + levels
                + "|" + report.reportedAt()).getBytes(StandardCharsets.UTF_8));
        return List.of(new StockLevelsRead(reportId, tenant, partner, report.warehouse(), levels, report.source(),
                report.reportedAt()));
    }

    private static List<StockLevel> sorted(List<StockLevel> levels) {
        return levels.stream().sorted(Comparator.comparing(StockLevel::sku)).toList();
    }
}
