package io.waybill.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.eventstore.StoreFixture.CounterEvent;
import io.waybill.eventstore.StoreFixture.Incremented;
import io.waybill.testing.TestInfrastructure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Exactly-once publication under concurrency, on the real PostgreSQL and Kafka: many writers whose
 * transactions commit out of order, two relay replicas on one log, and replicas restarting while
 * writers run. Every stored event must reach the topic once: none lost, none twice.
 */
class OutboxRelayConcurrencyTest {

    private static final int WRITERS = 16;
    private static final int APPENDS_PER_WRITER = 30;

    StoreFixture fixture;
    String topic;
    final List<KafkaProducer<String, byte[]>> producers = new ArrayList<>();
    final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new StoreFixture();
        topic = "test.outbox.concurrent." + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        relays.forEach(OutboxRelay::close);
        producers.forEach(p -> p.close(Duration.ofSeconds(5)));
        fixture.close();
    }

    @RepeatedTest(3)
    void everyEventOfManyConcurrentWritersIsPublishedExactlyOnce() throws Exception {
        startReplica();
        startReplica();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                done.add(writers.submit(() -> {
                    for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                        appendAndCommitLate();
                    }
                    return null;
                }));
            }
            // A replica stops and a new one takes over while writers run (a rolling deployment).
            for (int restart = 0; restart < 3; restart++) {
                Thread.sleep(150);
                relays.get(restart).close();
                startReplica();
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }

        Set<String> stored = storedEventIds();
        assertThat(stored).hasSize(WRITERS * APPENDS_PER_WRITER);
        Map<String, Long> copies = OutboxRelayTest.consume(topic, stored.size()).stream()
                .collect(Collectors.groupingBy(r -> CloudEventRecords.read(r).getId(), Collectors.counting()));
        assertThat(copies.keySet()).as("nothing lost").containsExactlyInAnyOrderElementsOf(stored);
        Map<String, Long> duplicates = copies.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(duplicates).as("published more than once").isEmpty();
    }

    /** One event in a transaction that stays open a little after the insert, so commits come out of order. */
    private void appendAndCommitLate() throws Exception {
        String stream = "c-" + UUID.randomUUID();
        try (Connection c = fixture.dataSource.getConnection()) {
            c.setAutoCommit(false);
            fixture.store.append(c, stream, "counter", 0, List.<CounterEvent>of(new Incremented(stream, 1)), fixture.codec,
                    EventMetadata.of("acme", null, null));
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 15));
            c.commit();
        }
    }

    private void startReplica() {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                OutboxRelay.producerProperties(TestInfrastructure.kafkaBootstrap(), "relay-concurrency-test"));
        producers.add(producer);
        var settings = new OutboxRelay.Settings("concurrent", URI.create("/relay-test"), 50, Duration.ofMillis(10),
                Duration.ofSeconds(20));
        OutboxRelay relay = new OutboxRelay(fixture.store, producer, stored -> Optional.of(new OutboundEvent(topic,
                stored.streamId(), "io.waybill.test.incremented.v1", stored.streamId(), stored.metadata().tenantId(),
                stored.data().getBytes(StandardCharsets.UTF_8))), settings, RelayListener.NONE);
        relays.add(relay);
        relay.start();
    }

    private Set<String> storedEventIds() throws Exception {
        try (Connection c = fixture.dataSource.getConnection();
                var select = c.prepareStatement("SELECT event_id::text FROM es_events");
                var rs = select.executeQuery()) {
            Map<String, Boolean> ids = new HashMap<>();
            while (rs.next()) {
                ids.put(rs.getString(1), true);
            }
            return ids.keySet();
        }
    }
}
