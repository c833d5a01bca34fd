package io.waybill.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * What Dev Services would give a {@code @QuarkusTest}, without Docker: a fresh database on the real
 * PostgreSQL, the shared real Kafka broker, and token verification against {@link TestTokens}' key.
 * Init arg {@code database} names the database prefix (default: {@code waybill_test}).
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;
    private String prefix = "waybill_test";

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create(prefix);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrap());
        // Own consumer group per run, starting at the end of the shared broker's topics.
        String group = prefix + "-" + java.util.UUID.randomUUID();
        TestKafka.startGroupAtEnd(group);
        config.put("kafka.group.id", group);
        config.put("quarkus.oidc.public-key", TestTokens.publicKey());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
