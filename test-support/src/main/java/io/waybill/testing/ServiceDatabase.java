package io.waybill.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** The database of the service under test, reached with the service's own settings: for tests that take it away. */
public final class ServiceDatabase {

    private ServiceDatabase() {
    }

    /** Its name: the last segment of {@code quarkus.datasource.jdbc.url}. */
    public static String name() {
        String url = url();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** A connection outside the service's pool to {@code database} on the same server. */
    public static Connection connect(String database) throws SQLException {
        String url = url();
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + database,
                config.getValue("quarkus.datasource.username", String.class),
                // empty where the tests connect as a trusted superuser
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Ends every other session of the service's database, as a restart of the server does; answers how many. */
    public static int endSessions() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = '" + name() + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Takes the service's database away as an outage does: new connections are refused and every session of it is
     * ended. {@link #accept()} brings it back.
     */
    public static void refuse() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name() + " ALLOW_CONNECTIONS false");
        }
        endSessions();
    }

    /** Accepts connections again after {@link #refuse()}. */
    public static void accept() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name() + " ALLOW_CONNECTIONS true");
        }
    }

    private static String url() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }
}
