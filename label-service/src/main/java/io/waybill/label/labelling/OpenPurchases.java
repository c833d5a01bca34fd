package io.waybill.label.labelling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code label_purchases} table (V3): open purchases, their retry schedule and claims. */
final class OpenPurchases {

    /** A due, unclaimed purchase, locked by the caller's transaction. */
    record Due(String stream, int attempts, boolean previousCallStarted) {
    }

    private OpenPurchases() {
    }

    static void open(Connection c, String stream, String tenantId, String carrier) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO label_purchases (stream_id, tenant_id, carrier) VALUES (?, ?, ?)
                ON CONFLICT (stream_id) DO NOTHING
                """)) {
            insert.setString(1, stream);
            insert.setString(2, tenantId);
            insert.setString(3, carrier);
            insert.executeUpdate();
        }
    }

    /** Locks the purchase if it is due and nobody holds it; empty otherwise (not due, claimed, or locked). */
    static Optional<Due> lockIfDue(Connection c, String stream) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT attempts, call_started_at IS NOT NULL FROM label_purchases
                 WHERE stream_id = ? AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                 FOR UPDATE SKIP LOCKED
                """)) {
            select.setString(1, stream);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Due(stream, rs.getInt(1), rs.getBoolean(2))) : Optional.empty();
            }
        }
    }

    /** Label streams of due, unclaimed purchases, oldest due first. */
    static List<String> due(Connection c, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT stream_id FROM label_purchases
                 WHERE next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                 ORDER BY next_attempt_at LIMIT ?
                """)) {
            select.setInt(1, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** Claims the purchase for one carrier call: nobody else calls until {@code lease} has passed. */
    static void claimForCall(Connection c, String stream, Duration lease) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE label_purchases
                   SET claimed_until = now() + make_interval(secs => ?), call_started_at = now(), attempts = attempts + 1
                 WHERE stream_id = ?
                """)) {
            update.setDouble(1, lease.toMillis() / 1000.0);
            update.setString(2, stream);
            update.executeUpdate();
        }
    }

    /**
     * The carrier call ended without a label and nothing was booked: try again after {@code delay}.
     * {@code countAttempt} false takes back the attempt the claim counted (nothing reached the carrier).
     */
    static void retryLater(Connection c, String stream, Duration delay, String error, boolean countAttempt)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE label_purchases
                   SET next_attempt_at = now() + make_interval(secs => ?), claimed_until = NULL,
                       call_started_at = NULL, last_error = ?, attempts = GREATEST(0, attempts - ?)
                 WHERE stream_id = ?
                """)) {
            update.setDouble(1, delay.toMillis() / 1000.0);
            update.setString(2, error);
            update.setInt(3, countAttempt ? 0 : 1);
            update.setString(4, stream);
            update.executeUpdate();
        }
    }

    static void close(Connection c, String stream) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM label_purchases WHERE stream_id = ?")) {
            delete.setString(1, stream);
            delete.executeUpdate();
        }
    }
}
