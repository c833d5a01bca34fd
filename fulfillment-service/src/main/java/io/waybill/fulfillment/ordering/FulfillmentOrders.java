package io.waybill.fulfillment.ordering;

import io.waybill.eventstore.Decision;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.partners.spi.Exchange;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The shell around the FulfillmentOrder decider: fold, decide, append and update the
 * {@code fulfillment_orders} row (state and send queue), all on the caller's connection, so the
 * inbox, the events and the queue commit together. Also writes the exchange history.
 */
@ApplicationScoped
public class FulfillmentOrders {

    private static final Logger LOG = Logger.getLogger(FulfillmentOrders.class);

    private final EventStore store;

    public FulfillmentOrders(EventStore store) {
        this.store = store;
    }

    public FulfillmentOrder load(Connection c, String shipmentId) throws SQLException {
        return store.fold(c, FulfillmentOrderEvents.streamId(shipmentId), FulfillmentOrderEvents.CODEC, FulfillmentOrder.NONE,
                FulfillmentOrderDecider::evolve).state();
    }

    /**
     * Decides {@code command} for the shipment's order and records the outcome. {@code retryDelay}: when
     * the order is (still) pending, when to try sending it next.
     */
    public Decision<FulfillmentOrder, FulfillmentOrderEvent> handle(Connection c, String shipmentId, String tenant,
            FulfillmentOrderCommand command, String correlationId, Duration retryDelay) throws SQLException {
        FulfillmentOrder before = load(c, shipmentId);
        String partner = before.partner() != null ? before.partner()
                : command instanceof FulfillmentOrderCommand.ReceiveOrder r ? r.partner() : "fulfillment";
        EventMetadata metadata = EventMetadata.of(tenant, correlationId, null).with("partner", partner);
        String reference = before.partnerReference() != null ? before.partnerReference()
                : command instanceof FulfillmentOrderCommand.RecordSent s ? s.partnerReference() : null;
        if (reference != null) {
            metadata = metadata.with("partnerReference", reference);
        }
        Decision<FulfillmentOrder, FulfillmentOrderEvent> decision = store.handle(c, FulfillmentOrderEvents.streamId(shipmentId),
                FulfillmentOrderEvents.STREAM_TYPE, FulfillmentOrderEvents.CODEC, FulfillmentOrder.NONE,
                FulfillmentOrderDecider::evolve, state -> FulfillmentOrderDecider.decide(command, state), metadata);
        if (!decision.events().isEmpty()) {
            project(c, decision, command, retryDelay);
            for (FulfillmentOrderEvent e : decision.events()) {
                if (e instanceof FulfillmentOrderEvent.CancellationTooLate late) {
                    LOG.warnf("Fulfillment order %s (%s): the merchant's cancellation came too late: %s", shipmentId, partner,
                            late.reason());
                } else if (e instanceof FulfillmentOrderEvent.CancellationRefused refused) {
                    LOG.warnf("Fulfillment order %s (%s): the partner did not cancel it (%s): %s", shipmentId, partner,
                            refused.code(), refused.reason());
                } else {
                    LOG.infof("Fulfillment order %s (%s): %s", shipmentId, partner, e.getClass().getSimpleName());
                }
            }
        }
        return decision;
    }

    private static void project(Connection c, Decision<FulfillmentOrder, FulfillmentOrderEvent> decision,
            FulfillmentOrderCommand command, Duration retryDelay) throws SQLException {
        FulfillmentOrder o = decision.state();
        String lastError = command instanceof FulfillmentOrderCommand.RecordSendFailure f ? f.code() + ": " + f.reason()
                : command instanceof FulfillmentOrderCommand.RecordCancelFailure f ? "cancel: " + f.code() + ": " + f.reason()
                : null;
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO fulfillment_orders (shipment_id, tenant_id, partner, warehouse, order_reference, status,
                       partner_reference, tracking_number, attempts, next_attempt_at, last_error, version, cancellation,
                       cancel_attempts, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (shipment_id) DO UPDATE SET status = EXCLUDED.status,
                       partner_reference = EXCLUDED.partner_reference, tracking_number = EXCLUDED.tracking_number,
                       attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at,
                       last_error = coalesce(EXCLUDED.last_error, fulfillment_orders.last_error),
                       version = EXCLUDED.version, cancellation = EXCLUDED.cancellation,
                       cancel_attempts = EXCLUDED.cancel_attempts, updated_at = now()
                """)) {
            upsert.setString(1, o.shipmentId());
            upsert.setString(2, o.tenantId());
            upsert.setString(3, o.partner());
            upsert.setString(4, o.order().warehouse());
            upsert.setString(5, o.order().orderReference());
            upsert.setString(6, o.status().name());
            upsert.setString(7, o.partnerReference());
            upsert.setString(8, o.trackingNumber());
            upsert.setInt(9, o.failedAttempts());
            // Due again: an order to send, or a cancellation to tell the partner (the send queue, ADR 0093/0094).
            upsert.setTimestamp(10, o.status() == Status.PENDING || o.cancellationDue()
                    ? Timestamp.from(OffsetDateTime.now().plus(retryDelay).toInstant()) : null);
            upsert.setString(11, lastError);
            upsert.setLong(12, decision.version());
            upsert.setString(13, o.cancellation().name());
            upsert.setInt(14, o.cancelAttempts());
            upsert.executeUpdate();
        }
    }

    /** Records one exchange with a partner in the shipment's history, and logs it with the shipment id. */
    public static void recordExchange(Connection c, String shipmentId, String tenant, String partner, String direction,
            Exchange exchange) throws SQLException {
        LOG.infof("Fulfillment %s %s %s %s for shipment %s (tenant %s): %s", partner, direction, exchange.kind(), exchange.name(),
                Optional.ofNullable(shipmentId).orElse("-"), tenant, exchange.outcome());
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO fulfillment_exchanges (shipment_id, tenant_id, partner, direction, kind, name, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)) {
            insert.setString(1, shipmentId);
            insert.setString(2, tenant);
            insert.setString(3, partner);
            insert.setString(4, direction);
            insert.setString(5, exchange.kind());
            insert.setString(6, truncate(exchange.name(), 500));
            insert.setString(7, truncate(exchange.outcome(), 2000));
            insert.executeUpdate();
        }
    }

    private static String truncate(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
    }
}
