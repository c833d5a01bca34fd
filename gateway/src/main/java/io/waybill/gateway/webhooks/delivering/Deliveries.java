package io.waybill.gateway.webhooks.delivering;

import io.waybill.eventstore.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The deliveries table: what is due, what happened to each attempt, what the API lists. All times come from the
 * database clock, so replicas with drifting clocks agree on what is due.
 */
@ApplicationScoped
public class Deliveries {

    public enum Status { PENDING, DELIVERED, PARKED }

    /** A delivery claimed by one worker (row locked until its transaction ends) with where and how to send it. */
    record Due(UUID id, String eventId, byte[] payload, int attempts, String url, byte[] secretCiphertext) {
    }

    /**
     * The oldest due delivery whose shipment has no earlier pending delivery to the same subscription, locked;
     * rows other replicas (or workers) hold are skipped, so no delivery is sent twice at once and the per-shipment
     * order holds: the earlier one, while in flight, is still pending and keeps the later one back.
     */
    private static final String CLAIM = """
            SELECT d.id, d.event_id, d.payload, d.attempts, s.url, s.secret_ciphertext
              FROM webhook_delivery d
              JOIN webhook_subscription s ON s.id = d.subscription_id
             WHERE d.status = 'PENDING'
               AND d.next_attempt_at <= now()
               AND d.created_at <= now() - make_interval(secs => ?)
               AND NOT EXISTS (
                     SELECT 1 FROM webhook_delivery e
                      WHERE e.subscription_id = d.subscription_id
                        AND e.ordering_key = d.ordering_key
                        AND e.status = 'PENDING'
                        AND (e.event_time, e.sequence) < (d.event_time, d.sequence))
             ORDER BY d.next_attempt_at, d.sequence
             LIMIT 1
               FOR UPDATE OF d SKIP LOCKED
            """;

    private final DataSource dataSource;

    public Deliveries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<Due> claimNext(Connection c, Duration reorderWindow) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
            claim.setDouble(1, reorderWindow.toMillis() / 1000.0);
            try (ResultSet row = claim.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Due(row.getObject("id", UUID.class), row.getString("event_id"),
                        row.getBytes("payload"), row.getInt("attempts"), row.getString("url"),
                        row.getBytes("secret_ciphertext")));
            }
        }
    }

    void delivered(Connection c, Due due, int statusCode) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE webhook_delivery
                   SET status = 'DELIVERED', attempts = attempts + 1, last_attempt_at = now(), delivered_at = now(),
                       last_status_code = ?, last_error = NULL
                 WHERE id = ?""")) {
            update.setInt(1, statusCode);
            update.setObject(2, due.id());
            update.executeUpdate();
        }
    }

    /** Schedules the next attempt after {@code delay}, or parks the delivery when that would pass its retry window. */
    void failed(Connection c, Due due, Integer statusCode, String error, Duration delay, Duration giveUpAfter)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE webhook_delivery
                   SET attempts = attempts + 1, last_attempt_at = now(), last_status_code = ?, last_error = ?,
                       retry_until = coalesce(retry_until, now() + make_interval(secs => ?)),
                       status = CASE WHEN now() + make_interval(secs => ?)
                                          > coalesce(retry_until, now() + make_interval(secs => ?))
                                     THEN 'PARKED' ELSE 'PENDING' END,
                       next_attempt_at = now() + make_interval(secs => ?)
                 WHERE id = ?""")) {
            double window = giveUpAfter.toMillis() / 1000.0;
            double wait = delay.toMillis() / 1000.0;
            if (statusCode == null) {
                update.setNull(1, java.sql.Types.INTEGER);
            } else {
                update.setInt(1, statusCode);
            }
            update.setString(2, error);
            update.setDouble(3, window);
            update.setDouble(4, wait);
            update.setDouble(5, window);
            update.setDouble(6, wait);
            update.setObject(7, due.id());
            update.executeUpdate();
        }
    }

    List<DeliveryView> list(UUID subscriptionId, Optional<Status> status, int limit) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT id, event_id, event_type, ordering_key, status, attempts, last_status_code, last_error,
                           created_at, last_attempt_at, next_attempt_at, delivered_at
                      FROM webhook_delivery
                     WHERE subscription_id = ? AND (?::text IS NULL OR status = ?::text)
                     ORDER BY sequence
                     LIMIT ?""")) {
                select.setObject(1, subscriptionId);
                String wanted = status.map(Status::name).orElse(null);
                select.setString(2, wanted);
                select.setString(3, wanted);
                select.setInt(4, limit);
                List<DeliveryView> found = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        String state = row.getString("status");
                        found.add(new DeliveryView(row.getObject("id", UUID.class), row.getString("event_id"),
                                row.getString("event_type"), row.getString("ordering_key"),
                                state.toLowerCase(Locale.ROOT), row.getInt("attempts"),
                                (Integer) row.getObject("last_status_code"), row.getString("last_error"),
                                row.getObject("created_at", OffsetDateTime.class),
                                row.getObject("last_attempt_at", OffsetDateTime.class),
                                "PENDING".equals(state) ? row.getObject("next_attempt_at", OffsetDateTime.class) : null,
                                row.getObject("delivered_at", OffsetDateTime.class)));
                    }
                }
                return found;
            }
        });
    }

    enum Requeue { REQUEUED, NOT_FOUND, NOT_PARKED }

    /** A parked delivery goes back to pending with a fresh retry window; only parked ones can be requeued. */
    Requeue redeliver(UUID subscriptionId, UUID deliveryId) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT status FROM webhook_delivery WHERE subscription_id = ? AND id = ? FOR UPDATE")) {
                select.setObject(1, subscriptionId);
                select.setObject(2, deliveryId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Requeue.NOT_FOUND;
                    }
                    if (!"PARKED".equals(row.getString("status"))) {
                        return Requeue.NOT_PARKED;
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE webhook_delivery
                       SET status = 'PENDING', attempts = 0, retry_until = NULL, next_attempt_at = now()
                     WHERE id = ?""")) {
                update.setObject(1, deliveryId);
                update.executeUpdate();
            }
            return Requeue.REQUEUED;
        });
    }
}
