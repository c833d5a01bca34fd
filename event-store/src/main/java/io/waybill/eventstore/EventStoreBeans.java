package io.waybill.eventstore;

import io.waybill.contracts.ContractsJson;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The library wired into a CDI (Quarkus) service, so that services do not each repeat it: the store
 * and the inbox on the service's default datasource, and the outbox relay running while the service
 * runs when the service declares an {@link OutboundMapper} bean. Relay name and CloudEvents source
 * come from {@code quarkus.application.name}; Kafka from {@code kafka.bootstrap.servers}.
 */
@ApplicationScoped
public class EventStoreBeans {

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final String service;
    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;

    public EventStoreBeans(DataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.service = service;
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        return new EventStore(dataSource, ContractsJson.mapper());
    }

    @Produces
    @Singleton
    Inbox inbox() {
        return new Inbox(dataSource);
    }

    void startRelay(@Observes @Initialized(ApplicationScoped.class) Object started, EventStore store,
            Instance<OutboundMapper> mappers) {
        if (mappers.isUnsatisfied()) {
            return; // a service that publishes nothing
        }
        producer = new KafkaProducer<>(OutboxRelay.producerProperties(bootstrapServers, service + "-outbox"));
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
