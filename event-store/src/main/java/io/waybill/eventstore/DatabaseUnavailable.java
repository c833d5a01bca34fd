package io.waybill.eventstore;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The database could not be reached at all (no connection, or the connection was lost): nothing was written, and
 * the same work will succeed once it is back. Consumers wait this out instead of spending their retries on it.
 */
public final class DatabaseUnavailable extends EventStoreException {

    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether {@code failure} (or a cause of it) says the connection, not the work, failed: SQLSTATE class 08
     * (connection exception), 57P01-57P03 (the server shutting down, crashed, or not accepting connections yet).
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailable || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }
}
