package io.waybill.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * Makes a consumer idempotent: a message id is recorded in {@code es_inbox} in the same transaction
 * as the message's effects, so a redelivered (or concurrently delivered) message is applied once.
 */
public final class Inbox {

    private final DataSource dataSource;

    public Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} unless {@code consumer} already processed {@code messageId}; true if it ran. */
    public boolean processOnce(String consumer, String messageId, SqlWork<?> work) {
        return Transactions.inTransaction(dataSource, connection -> {
            if (!claim(connection, consumer, messageId)) {
                return false;
            }
            work.apply(connection);
            return true;
        });
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
