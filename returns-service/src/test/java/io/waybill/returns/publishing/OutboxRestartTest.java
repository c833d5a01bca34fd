package io.waybill.returns.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.ReturnItem;
import io.waybill.contracts.StockAdjusted;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.OutboxRelay;
import io.waybill.eventstore.RelayListener;
import io.waybill.eventstore.Transactions;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnCommand.ReportReceived;
import io.waybill.returns.returning.ReturnCommands;
import io.waybill.returns.returning.ReturnPolicy;
import io.waybill.returns.returning.ReturnSource;
import io.waybill.testing.TestDatabase;
import io.waybill.testing.TestInfrastructure;
import io.waybill.testing.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A restart between storing and publishing, on the real PostgreSQL and Kafka, with this service's
 * own schema, commands and publication mapping and the event-store's relay (no Quarkus: the "process"
 * is the relay instance, and a restart is a new one on the same database and checkpoint).
 */
class OutboxRestartTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Duration QUIET = Duration.ofSeconds(4);

    TestDatabase database;
    PGSimpleDataSource dataSource;
    EventStore store;
    ReturnCommands commands;
    KafkaProducer<String, byte[]> producer;
    final String relayName = "returns-service";

    @BeforeEach
    void migrate() {
        database = TestDatabase.create("waybill_returns_restart");
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore", "classpath:db/migration").load()
                .migrate();
        store = new EventStore(dataSource, ContractsJson.mapper());
        commands = new ReturnCommands(store);
        producer = new KafkaProducer<>(OutboxRelay.producerProperties(TestInfrastructure.kafkaBootstrap(), "restart-test"));
    }

    @AfterEach
    void close() {
        producer.close();
        database.close();
    }

    /** Stores a return received under AUTO_RESTOCK (ReturnOpened, ReturnReceived, 2 × StockRestocked, ReturnClosed). */
    String storeRestockedReturn(String shipmentId) {
        String returnId = "ret_" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        EventMetadata metadata = EventMetadata.of("acme", shipmentId, null);
        Transactions.inTransaction(dataSource, c -> {
            commands.handle(c, returnId, new OpenReturn(returnId, shipmentId, "acme", ReturnSource.API, "Wrong size",
                    List.of(new ReturnItem("SKU-A", 2), new ReturnItem("SKU-B", 1)), null, now, "wh-1", false), metadata);
            commands.handle(c, returnId, new ReportReceived(ReturnPolicy.AUTO_RESTOCK, now.plusDays(3)), metadata);
            return null;
        });
        return returnId;
    }

    OutboxRelay relay(RelayListener listener) {
        return new OutboxRelay(store, producer, new ReturnPublication(), new OutboxRelay.Settings(relayName,
                URI.create("/returns-service"), 500, Duration.ofMillis(50), Duration.ofSeconds(30)), listener);
    }

    static int drain(OutboxRelay relay) {
        int total = 0;
        for (int passed = relay.relayOnce(); passed > 0; passed = relay.relayOnce()) {
            total += passed;
        }
        return total;
    }

    @Test
    void eventsStoredBeforeTheProcessDiedArePublishedExactlyOnceAfterTheRestart() {
        String shipmentId = UUID.randomUUID().toString();
        String returnId = storeRestockedReturn(shipmentId);
        // The process dies here: committed, never relayed. Nothing of it is on Kafka.
        assertThat(TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), 1, QUIET)).isEmpty();

        // Restart: a new relay on the same database takes over from the stored checkpoint.
        try (OutboxRelay restarted = relay(RelayListener.NONE)) {
            assertThat(drain(restarted)).isEqualTo(5);
        }
        // And a second restart finds nothing left to send.
        try (OutboxRelay again = relay(RelayListener.NONE)) {
            assertThat(drain(again)).isZero();
        }

        var registered = TestKafka.await(Topics.RETURN_REGISTERED, r -> shipmentId.equals(r.key()), 2, QUIET);
        assertThat(registered).hasSize(1);
        var adjusted = TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), 3, QUIET).stream()
                .map(r -> read(r, StockAdjusted.class)).toList();
        assertThat(adjusted).extracting(StockAdjusted::sku).containsExactlyInAnyOrder("SKU-A", "SKU-B");
        assertThat(adjusted).allSatisfy(a -> assertThat(a.returnId()).isEqualTo(returnId));
    }

    @Test
    void aCrashBetweenKafkasAcknowledgementAndTheCheckpointResendsTheSameIdsSoTheErpAdjustsOnce() {
        String shipmentId = UUID.randomUUID().toString();
        storeRestockedReturn(shipmentId);
        try (OutboxRelay dying = relay(batch -> {
            throw new IllegalStateException("the process dies after Kafka acknowledged, before the checkpoint");
        })) {
            assertThatThrownBy(dying::relayOnce).hasMessageContaining("process dies");
        }
        try (OutboxRelay restarted = relay(RelayListener.NONE)) {
            assertThat(drain(restarted)).isEqualTo(5);
        }

        var adjusted = TestKafka.await(Topics.STOCK_ADJUSTED, r -> shipmentId.equals(r.key()), 5, QUIET);
        assertThat(adjusted).as("at least once: the batch went out twice").hasSize(4);
        // Each copy carries its stored event's CloudEvent id and the decider's stable adjustment id: two effects.
        assertThat(adjusted.stream().map(OutboxRestartTest::ceId).distinct()).hasSize(2);
        assertThat(adjusted.stream().map(r -> read(r, StockAdjusted.class).adjustmentId()).distinct()).hasSize(2);
        assertThat(TestKafka.await(Topics.RETURN_REGISTERED, r -> shipmentId.equals(r.key()), 3, QUIET).stream()
                .map(OutboxRestartTest::ceId).distinct()).hasSize(1);
    }

    static String ceId(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }

    static <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            return ContractsJson.mapper().readValue(record.value(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
