package io.waybill.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test run, on the real server, dropped afterwards.
 * Tests stay hermetic without a server per test.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " on "
                    + TestInfrastructure.postgresHost() + ":" + TestInfrastructure.postgresPort()
                    + " (is PostgreSQL running? deploy/local/platform.sh postgres)", e);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + TestInfrastructure.postgresHost() + ":" + TestInfrastructure.postgresPort() + "/" + name;
    }

    public String user() {
        return TestInfrastructure.postgresAdminUser();
    }

    public String password() {
        return TestInfrastructure.postgresAdminPassword();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    /**
     * Takes the database away as an outage does: new connections are refused and every open session is ended.
     * {@link #accept()} brings it back.
     */
    public void refuse() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }

    /** Accepts connections again after {@link #refuse()}. */
    public void accept() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // A leftover test database is harmless; do not fail the run over it.
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static Connection admin() throws SQLException {
        String url = "jdbc:postgresql://" + TestInfrastructure.postgresHost() + ":" + TestInfrastructure.postgresPort() + "/postgres";
        return DriverManager.getConnection(url, TestInfrastructure.postgresAdminUser(), TestInfrastructure.postgresAdminPassword());
    }
}
