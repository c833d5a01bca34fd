package io.waybill.eventstore;

import io.smallrye.common.annotation.Identifier;
import io.waybill.contracts.ContractsJson;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The library wired into a CDI (Quarkus) service, so that services do not each repeat it: the store
 * and the inbox on the service's default datasource, and the outbox relay running while the service
 * runs when the service declares an {@link OutboundMapper} bean. Relay name and CloudEvents source
 * come from {@code quarkus.application.name}; Kafka from {@code kafka.bootstrap.servers}, plus the client
 * security settings ({@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}, also as
 * KAFKA_* environment variables) that Quarkus gives its own Kafka clients, so the relay authenticates
 * like the service's consumers do (deploy/k8s: SCRAM over TLS).
 */
@ApplicationScoped
public class EventStoreBeans {

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final String service;
    private final Map<String, Object> kafkaSecurity;
    private final Duration databasePatience;
    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;

    public EventStoreBeans(DataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaDefaults,
            @ConfigProperty(name = "waybill.consumers.database-patience", defaultValue = "45S") Duration databasePatience) {
        this.dataSource = dataSource;
        this.databasePatience = databasePatience;
        this.bootstrapServers = bootstrapServers;
        this.service = service;
        this.kafkaSecurity = kafkaDefaults.isResolvable() ? securitySettings(kafkaDefaults.get()) : Map.of();
    }

    /** The client security settings among Quarkus's Kafka defaults; the relay sets everything else itself. */
    static Map<String, Object> securitySettings(Map<String, Object> kafkaDefaults) {
        Map<String, Object> security = new TreeMap<>();
        kafkaDefaults.forEach((key, value) -> {
            if (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                security.put(key, value);
            }
        });
        return security;
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        return new EventStore(dataSource, ContractsJson.mapper());
    }

    @Produces
    @Singleton
    Inbox inbox() {
        return new Inbox(dataSource, databasePatience);
    }

    void startRelay(@Observes @Initialized(ApplicationScoped.class) Object started, EventStore store,
            Instance<OutboundMapper> mappers) {
        if (mappers.isUnsatisfied()) {
            return; // a service that publishes nothing
        }
        Properties properties = OutboxRelay.producerProperties(bootstrapServers, service + "-outbox");
        properties.putAll(kafkaSecurity);
        producer = new KafkaProducer<>(properties);
        relay = new OutboxRelay(store, producer, mappers.get(), OutboxRelay.Settings.defaults(service, service),
                RelayListener.NONE);
        relay.start();
    }

    @PreDestroy
    void stopRelay() {
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close();
        }
    }
}
