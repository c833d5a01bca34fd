package io.waybill.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: commit when it returns, roll back when it throws. Plain JDBC
 * on purpose, so that appending events, updating projections and marking the inbox share one commit.
 */
public final class Transactions {

    private Transactions() {
    }

    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (Exception e) {
                rollbackQuietly(connection, e);
                throw propagate(e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new EventStoreException("Database unavailable: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static RuntimeException propagate(Exception e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof SQLException sql) {
            return new EventStoreException("Database error: " + sql.getMessage(), sql);
        }
        return new EventStoreException(e.getMessage(), e);
    }
}
