package io.waybill.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Append-only event streams in PostgreSQL (table {@code es_events}). Appends carry the version the
 * writer read; the primary key (stream id, version) makes exactly one of two concurrent writers win
 * and the other get a {@link ConcurrencyConflict}.
 */
public final class EventStore {

    /** Expected version of a stream that must not exist yet. */
    public static final long NO_STREAM = 0;

    private static final String SELECT_EVENTS = """
            SELECT event_id, stream_id, stream_type, version, global_position, event_type, data::text,
                   metadata::text, recorded_at
              FROM es_events
            """;

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public EventStore(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Appends in a transaction of its own; returns the stream's new version. */
    public <E> long append(String streamId, String streamType, long expectedVersion, List<E> events,
            EventCodec<E> codec, EventMetadata metadata) {
        return Transactions.inTransaction(dataSource,
                c -> append(c, streamId, streamType, expectedVersion, events, codec, metadata));
    }

    /** Appends inside the caller's transaction, so projections or the inbox commit with the events. */
    public <E> long append(Connection connection, String streamId, String streamType, long expectedVersion,
            List<E> events, EventCodec<E> codec, EventMetadata metadata) throws SQLException {
        // A new stream needs no read: if it exists after all, inserting version 1 violates the
        // primary key, which is the same conflict, found without a round trip.
        long current = expectedVersion == NO_STREAM ? NO_STREAM : currentVersion(connection, streamId);
        if (current != expectedVersion) {
            throw new ConcurrencyConflict(streamId, expectedVersion, null);
        }
        if (events.isEmpty()) {
            return current;
        }
        String metadataJson = json(metadata);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO es_events (event_id, stream_id, stream_type, version, event_type, data, metadata)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)
                """)) {
            long version = expectedVersion;
            for (E event : events) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, streamId);
                insert.setString(3, streamType);
                insert.setLong(4, ++version);
                insert.setString(5, codec.typeOf(event));
                insert.setString(6, codec.encode(event));
                insert.setString(7, metadataJson);
                insert.addBatch();
            }
            insert.executeBatch();
            return version;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw new ConcurrencyConflict(streamId, expectedVersion, e);
            }
            throw e;
        }
    }

    public List<StoredEvent> load(String streamId) {
        return Transactions.inTransaction(dataSource, c -> load(c, streamId));
    }

    public List<StoredEvent> load(Connection connection, String streamId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_EVENTS + " WHERE stream_id = ? ORDER BY version")) {
            select.setString(1, streamId);
            return read(select);
        }
    }

    /** Folds a stream from {@code initial} with the aggregate's pure {@code evolve}. */
    public <S, E> StreamState<S> fold(Connection connection, String streamId, EventCodec<E> codec, S initial,
            BiFunction<S, E, S> evolve) throws SQLException {
        S state = initial;
        long version = 0;
        for (StoredEvent stored : load(connection, streamId)) {
            state = evolve.apply(state, codec.decode(stored));
            version = stored.version();
        }
        return new StreamState<>(state, version);
    }

    public <S, E> StreamState<S> fold(String streamId, EventCodec<E> codec, S initial, BiFunction<S, E, S> evolve) {
        return Transactions.inTransaction(dataSource, c -> fold(c, streamId, codec, initial, evolve));
    }

    /**
     * Load, decide, append: the shell around an aggregate's pure {@code decide}. A concurrent writer
     * makes this throw {@link ConcurrencyConflict}; the caller's transaction then rolls back whole.
     */
    public <S, E> Decision<S, E> handle(Connection connection, String streamId, String streamType, EventCodec<E> codec,
            S initial, BiFunction<S, E, S> evolve, Function<S, List<E>> decide, EventMetadata metadata)
            throws SQLException {
        StreamState<S> current = fold(connection, streamId, codec, initial, evolve);
        List<E> events = decide.apply(current.state());
        long version = append(connection, streamId, streamType, current.version(), events, codec, metadata);
        S state = current.state();
        for (E event : events) {
            state = evolve.apply(state, event);
        }
        return new Decision<>(state, List.copyOf(events), version);
    }

    /** Events of all streams in commit-safe order after a checkpoint; used by relays and projections. */
    List<LogEntry> readAfter(Connection connection, Checkpoint after, int limit) throws SQLException {
        // Only rows whose transaction is older than every transaction still running are read: a row
        // with a lower position can then never commit behind the reader (sequences commit out of order).
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT event_id, stream_id, stream_type, version, global_position, event_type, data::text,
                       metadata::text, recorded_at, transaction_id::text
                  FROM es_events
                 WHERE (transaction_id, global_position) > (?::xid8, ?)
                   AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                 ORDER BY transaction_id, global_position
                 LIMIT ?
                """)) {
            select.setString(1, after.transactionId());
            select.setLong(2, after.globalPosition());
            select.setInt(3, limit);
            List<LogEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    entries.add(new LogEntry(event(rs), new Checkpoint(rs.getString(10), rs.getLong(5))));
                }
            }
            return entries;
        }
    }

    /** A stored event and the log position right after it. */
    record LogEntry(StoredEvent event, Checkpoint position) {
    }

    /**
     * The stream's version, checked for the one ordering hazard of log tailing: readers order the
     * log by writing transaction, so a transaction that started before the stream's last writer must
     * not append after it (its event would be read before the earlier version). It retries instead.
     */
    private long currentVersion(Connection connection, String streamId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT version, transaction_id > pg_current_xact_id()
                  FROM es_events WHERE stream_id = ? ORDER BY version DESC LIMIT 1
                """)) {
            select.setString(1, streamId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                if (rs.getBoolean(2)) {
                    throw new ConcurrencyConflict(streamId, rs.getLong(1), null);
                }
                return rs.getLong(1);
            }
        }
    }

    private List<StoredEvent> read(PreparedStatement select) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                events.add(event(rs));
            }
        }
        return events;
    }

    private StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                metadata(rs.getString(8)),
                rs.getObject(9, OffsetDateTime.class));
    }

    private String json(EventMetadata metadata) {
        try {
            return mapper.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize metadata", e);
        }
    }

    private EventMetadata metadata(String json) {
        try {
            return mapper.readValue(json, EventMetadata.class);
        } catch (JsonProcessingException e) {
            throw new EventStoreException("Unreadable event metadata", e);
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if ("23505".equals(current.getSQLState())) {
                return true;
            }
            if (current instanceof BatchUpdateException && current.getCause() instanceof SQLException cause
                    && "23505".equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
