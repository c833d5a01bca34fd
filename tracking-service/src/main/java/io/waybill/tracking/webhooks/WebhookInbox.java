package io.waybill.tracking.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.ContractsJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code inbound_webhooks} table: webhooks stored on arrival, claimed by the worker, parked when they keep failing. */
@ApplicationScoped
public class WebhookInbox {

    public enum State { RECEIVED, PROCESSED, MALFORMED, DEAD }

    /** A stored webhook waiting to be applied. */
    public record Waiting(long id, String carrier, String rawBody, String updatesJson, int attempts) {

        /** The normalized updates read on arrival; an unreadable row fails its own attempt only. */
        public List<TrackingUpdate> updates() {
            try {
                return ContractsJson.mapper().readValue(updatesJson, UPDATES);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalStateException("the stored updates cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** What an operator sees of a stored webhook. */
    public record StoredWebhook(long id, String carrier, String authenticatedBy, State state, String outcome, String reason,
            int attempts, OffsetDateTime receivedAt, OffsetDateTime processedAt, OffsetDateTime nextAttemptAt,
            String rawBody) {
    }

    private static final TypeReference<List<TrackingUpdate>> UPDATES = new TypeReference<>() {
    };

    public long receive(Connection c, String carrier, String authenticatedBy, String rawBody, List<TrackingUpdate> updates)
            throws SQLException {
        return insert(c, carrier, authenticatedBy, State.RECEIVED, rawBody, json(updates), null);
    }

    public long malformed(Connection c, String carrier, String authenticatedBy, String rawBody, String reason)
            throws SQLException {
        return insert(c, carrier, authenticatedBy, State.MALFORMED, rawBody, null, reason);
    }

    private static long insert(Connection c, String carrier, String authenticatedBy, State state, String rawBody,
            String updates, String reason) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO inbound_webhooks (carrier, authenticated_by, state, raw_body, updates_json, reason, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END) RETURNING id
                """)) {
            insert.setString(1, carrier);
            insert.setString(2, authenticatedBy);
            insert.setString(3, state.name());
            insert.setString(4, rawBody);
            insert.setString(5, updates);
            insert.setString(6, reason);
            insert.setBoolean(7, state == State.RECEIVED);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Locks up to {@code limit} waiting webhooks that are due, oldest first; rows other replicas hold are skipped. */
    public List<Waiting> claim(Connection c, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, carrier, raw_body, updates_json, attempts FROM inbound_webhooks
                 WHERE state = 'RECEIVED' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED
                """)) {
            select.setInt(1, limit);
            List<Waiting> waiting = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    waiting.add(new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
            return waiting;
        }
    }

    public void processed(Connection c, long id, String outcome) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE inbound_webhooks SET state = 'PROCESSED', outcome = ?, reason = NULL, processed_at = now(),
                       next_attempt_at = NULL, attempts = attempts + 1
                 WHERE id = ?
                """)) {
            update.setString(1, outcome);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** A failed attempt: tried again after {@code retryIn}, or parked as DEAD when {@code retryIn} is empty. */
    public void failed(Connection c, long id, String reason, Optional<Duration> retryIn) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE inbound_webhooks SET attempts = attempts + 1, reason = ?, state = ?, next_attempt_at = ?
                 WHERE id = ?
                """)) {
            update.setString(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            update.setString(2, retryIn.isPresent() ? State.RECEIVED.name() : State.DEAD.name());
            update.setTimestamp(3, retryIn.map(d -> Timestamp.from(Instant.now().plus(d))).orElse(null));
            update.setLong(4, id);
            update.executeUpdate();
        }
    }

    /** A DEAD webhook goes back to the queue (after its cause was fixed); false when it is not DEAD. */
    public boolean replay(Connection c, long id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE inbound_webhooks SET state = 'RECEIVED', attempts = 0, next_attempt_at = now()
                 WHERE id = ? AND state = 'DEAD'
                """)) {
            update.setLong(1, id);
            return update.executeUpdate() == 1;
        }
    }

    public Optional<StoredWebhook> find(Connection c, long id) throws SQLException {
        List<StoredWebhook> found = list(c, "id = ?", id, 1);
        return found.stream().findFirst();
    }

    /** Newest first; {@code state} null: all states. */
    public List<StoredWebhook> list(Connection c, State state, int limit) throws SQLException {
        return state == null ? list(c, "true", null, limit) : list(c, "state = ?", state.name(), limit);
    }

    private static List<StoredWebhook> list(Connection c, String where, Object arg, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, carrier, authenticated_by, state, outcome, reason, attempts, received_at, processed_at,
                       next_attempt_at, raw_body
                  FROM inbound_webhooks WHERE %s ORDER BY id DESC LIMIT ?
                """.formatted(where))) {
            int i = 1;
            if (arg != null) {
                select.setObject(i++, arg);
            }
            select.setInt(i, limit);
            List<StoredWebhook> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoredWebhook(rs.getLong(1), rs.getString(2), rs.getString(3), State.valueOf(rs.getString(4)),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getObject(8, OffsetDateTime.class),
                            rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class), rs.getString(11)));
                }
            }
            return rows;
        }
    }

    private static String json(List<TrackingUpdate> updates) {
        try {
            return ContractsJson.mapper().writeValueAsString(updates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
