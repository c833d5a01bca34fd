package io.waybill.testing;

/**
 * Where the shared test infrastructure lives. The root build starts (or reuses) one Kafka broker
 * and makes sure PostgreSQL runs before any module's tests (deploy/local/platform.sh test-infra);
 * these settings only say where to find them.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    public static String kafkaBootstrap() {
        return setting("waybill.test.kafka", "WAYBILL_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:19092");
    }

    public static String postgresHost() {
        return setting("waybill.test.pg.host", "WAYBILL_PG_HOST", "127.0.0.1");
    }

    public static int postgresPort() {
        return Integer.parseInt(setting("waybill.test.pg.port", "WAYBILL_PG_PORT", "5432"));
    }

    /** A superuser (trust authentication on the local machine, as Debian's package sets it up). */
    public static String postgresAdminUser() {
        return setting("waybill.test.pg.user", "WAYBILL_PG_ADMIN_USER", "postgres");
    }

    public static String postgresAdminPassword() {
        return setting("waybill.test.pg.password", "WAYBILL_PG_ADMIN_PASSWORD", "");
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
