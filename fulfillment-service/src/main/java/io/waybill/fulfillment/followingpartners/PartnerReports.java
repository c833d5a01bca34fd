package io.waybill.fulfillment.followingpartners;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.Transactions;
import io.waybill.fulfillment.ordering.FulfillmentOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ApplyUpdate;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.WarehouseStepReached;
import io.waybill.fulfillment.ordering.FulfillmentOrderRuleViolated;
import io.waybill.fulfillment.ordering.FulfillmentOrders;
import io.waybill.fulfillment.partners.spi.Exchange;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import io.waybill.fulfillment.partners.spi.StockReport;
import io.waybill.fulfillment.stocktaking.StockLedger;
import io.waybill.fulfillment.handingover.OrderDispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.MDC;

/**
 * Applies what a partner reported (polled, called back or left as a file) to the orders, in one
 * transaction per report with its exchange history, and records stock reports. Shared by the poller
 * and the callback resource.
 */
@ApplicationScoped
public class PartnerReports {

    private final AgroalDataSource dataSource;
    private final FulfillmentOrders orders;
    private final EventStore store;
    private final UnmappedCodes unmapped;

    public PartnerReports(AgroalDataSource dataSource, FulfillmentOrders orders, EventStore store, UnmappedCodes unmapped) {
        this.dataSource = dataSource;
        this.orders = orders;
        this.store = store;
        this.unmapped = unmapped;
    }

    /**
     * Applies {@code updates} from {@code source}; throws {@link UnusableReport} (and applies nothing) when
     * one names an order this tenant does not have with this partner, or breaks the order's rules.
     */
    public List<String> apply(String tenant, String partner, String source, List<PartnerUpdate> updates) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<WarehouseStepReached> unmappedSteps = new ArrayList<>();
        List<String> applied = Transactions.inTransaction(dataSource, c -> {
            List<String> outcomes = new ArrayList<>();
            for (PartnerUpdate update : updates) {
                MDC.put(OrderDispatcher.SHIPMENT_ID, String.valueOf(update.orderNumber()));
                try {
                    outcomes.add(apply(c, tenant, partner, source, update, now, unmappedSteps));
                } finally {
                    MDC.remove(OrderDispatcher.SHIPMENT_ID);
                }
            }
            return outcomes;
        });
        // counted once committed: a report refused as a whole records nothing
        unmappedSteps.forEach(step -> unmapped.count(partner, step.partnerCode(), step.shipmentId()));
        return applied;
    }

    private String apply(Connection c, String tenant, String partner, String source, PartnerUpdate update, OffsetDateTime now,
            List<WarehouseStepReached> unmappedSteps) throws SQLException {
        FulfillmentOrder order = orders.load(c, update.orderNumber());
        if (order.status() == Status.NONE || !order.tenantId().equals(tenant) || !order.partner().equals(partner)) {
            throw new UnusableReport("it names order " + update.orderNumber() + ", which tenant " + tenant
                    + " has not sent to " + partner);
        }
        try {
            var decision = orders.handle(c, update.orderNumber(), tenant, new ApplyUpdate(update, now), source, Duration.ZERO);
            for (FulfillmentOrderEvent event : decision.events()) {
                if (event instanceof WarehouseStepReached step && step.step() == Step.UNMAPPED) {
                    unmappedSteps.add(step);
                }
            }
            String outcome = decision.events().isEmpty() ? update.step() + ": no change (duplicate or late)"
                    : update.step() + ": recorded " + decision.events().stream()
                            .map(e -> e.getClass().getSimpleName()).collect(Collectors.joining(", "));
            FulfillmentOrders.recordExchange(c, update.orderNumber(), tenant, partner, "IN",
                    new Exchange(source.startsWith("/") ? "FILE" : "CALL", source, outcome));
            return outcome;
        } catch (FulfillmentOrderRuleViolated e) {
            throw new UnusableReport(e.getMessage());
        }
    }

    /** Records a stock report unless it says what the last one said. */
    public void stock(String tenant, String partner, StockReport report) {
        String streamId = StockLedger.streamId(tenant, partner, report.warehouse());
        Transactions.inTransaction(dataSource, c -> store.handle(c, streamId, StockLedger.STREAM_TYPE, StockLedger.CODEC,
                List.of(), StockLedger::evolve, last -> StockLedger.decide(last, tenant, partner, report),
                EventMetadata.of(tenant, report.source(), null).with("partner", partner)));
    }

    /** Records that a report could not be used, with the reason, in the history (no shipment known). */
    public void recordRejected(String tenant, String partner, String source, String reason) {
        Transactions.inTransaction(dataSource, c -> {
            FulfillmentOrders.recordExchange(c, null, tenant, partner, "IN",
                    new Exchange(source.startsWith("/") ? "FILE" : "CALL", source, "rejected: " + reason));
            return null;
        });
    }

    /** A report that cannot be applied as it is; retrying it will not help. */
    public static final class UnusableReport extends RuntimeException {
        public UnusableReport(String reason) {
            super(reason);
        }
    }
}
