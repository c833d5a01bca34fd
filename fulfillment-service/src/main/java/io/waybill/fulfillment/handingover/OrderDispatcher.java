package io.waybill.fulfillment.handingover;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.waybill.eventstore.Transactions;
import io.waybill.fulfillment.ordering.FulfillmentOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordCancelFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordCancelSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSendFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSent;
import io.waybill.fulfillment.ordering.FulfillmentOrders;
import io.waybill.fulfillment.partners.spi.CancelledOrder;
import io.waybill.fulfillment.partners.spi.Exchange;
import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.PartnerException;
import io.waybill.fulfillment.partners.spi.PartnerRegistry;
import io.waybill.fulfillment.partners.spi.SentOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Sends pending orders to their partners, and again with back-off while a partner is down: the queue is
 * the {@code fulfillment_orders} table, so nothing is lost across restarts. A claimed row is leased
 * ({@code next_attempt_at} moved ahead) before the call, so two instances do not send it at once; the
 * partner call itself is repeatable (upsert by order number, or a file named after it).
 */
@ApplicationScoped
public class OrderDispatcher {

    private static final Logger LOG = Logger.getLogger(OrderDispatcher.class);
    /** The MDC key of the shipment a log line is about (the console format prints it). */
    public static final String SHIPMENT_ID = "shipmentId";

    private final AgroalDataSource dataSource;
    private final FulfillmentOrders orders;
    private final PartnerRegistry partners;
    private final Duration firstRetry;
    private final Duration maxRetry;

    public OrderDispatcher(AgroalDataSource dataSource, FulfillmentOrders orders, PartnerRegistry partners,
            @ConfigProperty(name = "waybill.fulfillment.dispatch.first-retry", defaultValue = "PT30S") Duration firstRetry,
            @ConfigProperty(name = "waybill.fulfillment.dispatch.max-retry", defaultValue = "PT30M") Duration maxRetry) {
        this.dataSource = dataSource;
        this.orders = orders;
        this.partners = partners;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
    }

    @Scheduled(every = "${waybill.fulfillment.dispatch.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        for (Due due : claimDue()) {
            MDC.put(SHIPMENT_ID, due.shipmentId()); // every log line about this call names the shipment
            try {
                FulfillmentOrder order = Transactions.inTransaction(dataSource, c -> orders.load(c, due.shipmentId()));
                if (order.status() == Status.PENDING) {
                    send(order);
                } else if (order.cancellationDue()) {
                    cancel(order);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not hand fulfillment order %s to its partner; it stays queued", due.shipmentId());
            } finally {
                MDC.remove(SHIPMENT_ID);
            }
        }
    }

    /**
     * Tells the partner of the merchant's cancellation (ADR 0094): confirmed at once (Ongoing), or told and
     * awaiting the partner's confirmation (a file partner); while the partner is down it is tried again
     * with the same back-off as sending; a refusal is recorded and the order goes on.
     */
    private void cancel(FulfillmentOrder order) {
        Optional<FulfillmentPartner> partner = partners.find(order.tenantId(), order.partner());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Duration delay = backoff(order.cancelAttempts() + 1);
        if (partner.isEmpty()) {
            record(order, Exchange.call("cancel order", "not cancelled: no account with the partner"),
                    new RecordCancelFailure("PARTNER_NOT_CONFIGURED", "Tenant " + order.tenantId()
                            + " has no account with fulfillment partner " + order.partner(), false, now), delay);
            return;
        }
        try {
            CancelledOrder cancelled = partner.get().cancelOrder(order.order(), order.partnerReference(), order.cancelReason());
            record(order, cancelled.exchange(), new RecordCancelSent(cancelled.confirmed(), now), delay);
        } catch (PartnerException e) {
            LOG.warnf("Cancelling fulfillment order %s with %s failed (%s, %s): %s", order.shipmentId(), order.partner(),
                    e.code(), e.retryable() ? "will retry" : "final", e.getMessage());
            record(order, Exchange.call("cancel order", "failed: " + e.code() + ": " + e.getMessage()),
                    new RecordCancelFailure(e.code(), e.getMessage(), e.retryable(), now), delay);
        }
    }

    private void send(FulfillmentOrder order) {
        Optional<FulfillmentPartner> partner = partners.find(order.tenantId(), order.partner());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (partner.isEmpty()) {
            record(order, Exchange.call("send order", "not sent: no account with the partner"),
                    new RecordSendFailure("PARTNER_NOT_CONFIGURED", "Tenant " + order.tenantId()
                            + " has no account with fulfillment partner " + order.partner(), false, now));
            return;
        }
        try {
            SentOrder sent = partner.get().sendOrder(order.order());
            record(order, sent.exchange(), new RecordSent(sent.partnerReference(), now));
        } catch (PartnerException e) {
            LOG.warnf("Sending fulfillment order %s to %s failed (%s, %s): %s", order.shipmentId(), order.partner(), e.code(),
                    e.retryable() ? "will retry" : "final", e.getMessage());
            record(order, Exchange.call("send order", "failed: " + e.code() + ": " + e.getMessage()),
                    new RecordSendFailure(e.code(), e.getMessage(), e.retryable(), now));
        }
    }

    private void record(FulfillmentOrder order, Exchange exchange, FulfillmentOrderCommand command) {
        record(order, exchange, command, backoff(order.failedAttempts() + 1));
    }

    private void record(FulfillmentOrder order, Exchange exchange, FulfillmentOrderCommand command, Duration delay) {
        Transactions.inTransaction(dataSource, c -> {
            FulfillmentOrders.recordExchange(c, order.shipmentId(), order.tenantId(), order.partner(), "OUT", exchange);
            return orders.handle(c, order.shipmentId(), order.tenantId(), command, order.shipmentId(), delay);
        });
    }

    /** 1st retry after {@code first-retry}, doubling up to {@code max-retry}; never gives up. */
    Duration backoff(int attempt) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    private List<Due> claimDue() {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement claim = c.prepareStatement("""
                    UPDATE fulfillment_orders SET next_attempt_at = now() + interval '2 minutes'
                     WHERE shipment_id IN (SELECT shipment_id FROM fulfillment_orders
                                            WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= now()
                                            ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED)
                    RETURNING shipment_id
                    """)) {
                List<Due> due = new ArrayList<>();
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Due(rs.getString(1)));
                    }
                }
                return due;
            }
        });
    }

    private record Due(String shipmentId) {
    }
}
