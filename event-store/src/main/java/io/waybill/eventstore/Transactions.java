package io.waybill.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Runs work in one JDBC transaction: commit when it returns, roll back when it throws. Plain JDBC
 * on purpose, so that appending events, updating projections and marking the inbox share one commit.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long LONGEST_PAUSE_MILLIS = 2_000;

    private Transactions() {
    }

    /**
     * As {@link #inTransaction(DataSource, SqlWork)}, but while the database cannot be reached ({@link
     * DatabaseUnavailable}) the work is tried again, with pauses of up to 2 s, for up to {@code patience}; then the
     * last failure is thrown. For consumers: a database restart must not spend a message's retries and send a valid
     * message to the dead-letter topic. Only for work that may run twice: a connection lost during the commit may
     * have committed (the inbox's work is guarded by its mark; look-ups and upserts are safe).
     */
    public static <T> T inTransaction(DataSource dataSource, Duration patience, SqlWork<T> work) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        boolean warned = false;
        while (true) {
            try {
                return inTransaction(dataSource, work);
            } catch (DatabaseUnavailable e) {
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                if (!warned) {
                    LOG.warnf("Database unavailable (%s); waiting for it up to %s", e.getMessage(), patience);
                    warned = true;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    public static <T> T inTransaction(DataSource dataSource, SqlWork<T> work) {
        Connection opened;
        try {
            opened = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailable("Database unavailable: " + e.getMessage(), e);
        }
        try (Connection connection = opened) {
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
        } catch (SQLException e) { // closing or resetting the connection: the work itself was done
            throw unavailableOr(new EventStoreException("Database error: " + e.getMessage(), e), e);
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
            return unavailableOr(runtime, e);
        }
        if (e instanceof SQLException sql) {
            return unavailableOr(new EventStoreException("Database error: " + sql.getMessage(), sql), e);
        }
        return unavailableOr(new EventStoreException(e.getMessage(), e), e);
    }

    /** A lost connection is told apart from a failure of the work, which retrying would not mend. */
    private static RuntimeException unavailableOr(RuntimeException failure, Exception cause) {
        if (failure instanceof DatabaseUnavailable || !DatabaseUnavailable.isConnectionFailure(cause)) {
            return failure;
        }
        return new DatabaseUnavailable("Database unavailable: " + cause.getMessage(), cause);
    }
}
