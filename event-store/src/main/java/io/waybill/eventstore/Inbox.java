package io.waybill.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Makes a consumer idempotent: a message id is recorded in {@code es_inbox} in the same transaction
 * as the message's effects, so a redelivered (or concurrently delivered) message is applied once.
 */
public final class Inbox {

    private final DataSource dataSource;
    private final Duration databasePatience;

    /** An inbox that gives up at once when the database cannot be reached. */
    public Inbox(DataSource dataSource) {
        this(dataSource, Duration.ZERO);
    }

    /**
     * An inbox that waits up to {@code databasePatience} for an unreachable database before it fails (ADR 0098):
     * a restart of PostgreSQL then costs a consumer time, not the retries that stand between a message and its
     * dead-letter topic.
     */
    public Inbox(DataSource dataSource, Duration databasePatience) {
        this.dataSource = dataSource;
        this.databasePatience = databasePatience;
    }

    /** Runs {@code work} unless {@code consumer} already processed {@code messageId}; true if it ran. */
    public boolean processOnce(String consumer, String messageId, SqlWork<?> work) {
        return Transactions.inTransaction(dataSource, databasePatience, connection -> {
            if (!claim(connection, consumer, messageId)) {
                return false;
            }
            work.apply(connection);
            return true;
        });
    }

    /**
     * Work a consumer does outside {@link #processOnce} (a look-up deciding whether the message concerns it, or
     * effects that are idempotent on their own), in a transaction with the same patience for an unreachable database.
     */
    public <T> T transaction(SqlWork<T> work) {
        return Transactions.inTransaction(dataSource, databasePatience, work);
    }

    /** Records the message inside the caller's transaction; false when it was already processed. */
    public static boolean claim(Connection connection, String consumer, String messageId) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO es_inbox (consumer, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, messageId);
            return insert.executeUpdate() == 1;
        }
    }
}
