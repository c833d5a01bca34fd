package io.waybill.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waybill.testing.TestDatabase;
import io.waybill.testing.TestInfrastructure;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Token verification against {@link TestTokens}' key, a fresh database on the real PostgreSQL and the real test
 * Kafka broker (webhook subscriptions and deliveries; the tracking page's projection, read from the end of the
 * topics), and services to route to. Order, label and tracking are fakes; returns-service points at a closed port.
 * order-service gets a 1 s timeout so that {@code /slow} produces a 504 quickly, and every service a pool of
 * only {@link #MAX_CONNECTIONS} connections.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ORDER_TIMEOUT = "1s";
    static final String PICKUPS_TIMEOUT = "3s";
    static final int MAX_CONNECTIONS = 4;

    static FakeUpstream orders;
    static FakeUpstream labels;
    static FakeUpstream trackings;
    static TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = TestDatabase.create("waybill_gateway_test");
        orders = FakeUpstream.start("order-service");
        labels = FakeUpstream.start("label-service");
        trackings = FakeUpstream.start("tracking-service");
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        config.put("quarkus.datasource.username", database.user());
        config.put("quarkus.datasource.password", database.password());
        config.put("kafka.bootstrap.servers", TestInfrastructure.kafkaBootstrap());
        String trackGroup = "gateway-track-" + UUID.randomUUID();
        TestKafka.startGroupAtEnd(trackGroup);
        config.put("waybill.track.consumer-group", trackGroup);
        // The webhook channel's group (<group>-webhooks) starts at the end: only this run's events are fanned out.
        String group = "gateway-test-" + UUID.randomUUID();
        TestKafka.startGroupAtEnd(group + "-webhooks");
        config.put("kafka.group.id", group);
        config.put("quarkus.oidc.public-key", TestTokens.publicKey());
        config.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        config.put("waybill.routes.order-service.url", orders.url());
        config.put("waybill.routes.order-service.timeout", ORDER_TIMEOUT);
        // One route (label-service's pickups) with a timeout of its own (GatewayTest).
        config.put("waybill.routes.route-timeouts.pickups", PICKUPS_TIMEOUT);
        // Few connections, so that a burst of requests has to queue for them (GatewayTest).
        config.put("waybill.routes.max-connections-per-service", String.valueOf(MAX_CONNECTIONS));
        config.put("waybill.routes.label-service.url", labels.url());
        // label-service answers quotes and pickups: the same short timeout, so /slow there is a quick 504.
        config.put("waybill.routes.label-service.timeout", ORDER_TIMEOUT);
        config.put("waybill.routes.tracking-service.url", trackings.url());
        config.put("waybill.routes.returns-service.url", "http://127.0.0.1:" + FakeUpstream.closedPort());
        config.put("waybill.routes.fulfillment-service.url", "http://127.0.0.1:" + FakeUpstream.closedPort());
        return config;
    }

    @Override
    public void stop() {
        for (FakeUpstream fake : new FakeUpstream[] {orders, labels, trackings}) {
            if (fake != null) {
                fake.stop();
            }
        }
        if (database != null) {
            database.close();
        }
    }
}
