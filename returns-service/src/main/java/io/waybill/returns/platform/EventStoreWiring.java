package io.waybill.returns.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.OutboxRelay;
import io.waybill.eventstore.RelayListener;
import io.waybill.returns.publishing.ReturnPublication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The event-store library wired into Quarkus: store and inbox on the service's datasource, the outbox relay running. */
@ApplicationScoped
public class EventStoreWiring {

    /** Relay (checkpoint) name and CloudEvents source {@code /returns-service}. */
    public static final String SERVICE = "returns-service";

    private final AgroalDataSource dataSource;
    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;

    public EventStoreWiring(AgroalDataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
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

    void startRelay(@Observes StartupEvent startup, EventStore store, ReturnPublication publication) {
        producer = new KafkaProducer<>(OutboxRelay.producerProperties(bootstrapServers, SERVICE + "-outbox"));
        relay = new OutboxRelay(store, producer, publication, OutboxRelay.Settings.defaults(SERVICE, SERVICE),
                RelayListener.NONE);
        relay.start();
    }

    void stopRelay(@Observes ShutdownEvent shutdown) {
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close();
        }
    }
}
