package io.waybill.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.waybill.eventstore.StoreFixture.CounterEvent;
import io.waybill.eventstore.StoreFixture.Incremented;
import io.waybill.eventstore.StoreFixture.Reset;
import io.waybill.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL and the real Kafka broker of the test run. */
class OutboxRelayTest {

    StoreFixture fixture;
    KafkaProducer<String, byte[]> producer;
    String topic;

    @BeforeEach
    void setUp() {
        fixture = new StoreFixture();
        producer = new KafkaProducer<>(OutboxRelay.producerProperties(TestInfrastructure.kafkaBootstrap(), "relay-test"));
        topic = "test.outbox." + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        producer.close(Duration.ofSeconds(5));
        fixture.close();
    }

    @Test
    void publishesMappedEventsAsBinaryCloudEventsKeyedByStream() throws Exception {
        List<String> streams = List.of("c-" + UUID.randomUUID(), "c-" + UUID.randomUUID());
        for (String stream : streams) {
            append(stream, 0, new Incremented(stream, 1), new Reset(stream), new Incremented(stream, 2));
        }
        OutboxRelay relay = relay("publish", 100, RelayListener.NONE);

        assertThat(drain(relay, 6)).isEqualTo(6);

        List<ConsumerRecord<String, byte[]>> records = consume(4);
        assertThat(records).hasSize(4);
        Map<String, StoredEvent> stored = storedById(streams);
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event = CloudEventRecords.read(record);
            StoredEvent original = stored.get(event.getId());
            assertThat(original).as("ce_id is the stored event id").isNotNull();
            assertThat(original.eventType()).isEqualTo("Incremented");
            assertThat(record.key()).isEqualTo(original.streamId());
            assertThat(event.getSubject()).isEqualTo(original.streamId());
            assertThat(event.getType()).isEqualTo("io.waybill.test.incremented.v1");
            assertThat(event.getSource()).hasToString("/relay-test");
            assertThat(CloudEventRecords.tenant(event)).isEqualTo("acme");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(CloudEventRecords.dataAsString(event)).contains("\"by\"");
        }
        // Per-stream order is kept (one key, one partition).
        Map<String, List<Integer>> amountsByStream = records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(OutboxRelayTest::amount, Collectors.toList())));
        amountsByStream.values().forEach(amounts -> assertThat(amounts).containsExactly(1, 2));
        assertThat(relay.relayOnce()).isZero();
    }

    @Test
    void aRelayKilledBetweenPublishAndCheckpointCausesDuplicatesNeverALoss() throws Exception {
        String stream = "c-" + UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            append(stream, i, new Incremented(stream, i));
        }
        AtomicInteger batches = new AtomicInteger();
        OutboxRelay crashing = relay("crash", 5, batch -> {
            if (batches.incrementAndGet() == 2) {
                throw new IllegalStateException("killed after publish, before checkpoint");
            }
        });
        assertThat(crashing.relayOnce()).isEqualTo(5);
        assertThatThrownBy(crashing::relayOnce).hasMessageContaining("killed");

        OutboxRelay restarted = relay("crash", 5, RelayListener.NONE);
        assertThat(drain(restarted, 7)).isEqualTo(7);

        List<ConsumerRecord<String, byte[]>> records = consume(17);
        Map<String, Long> copies = records.stream()
                .collect(Collectors.groupingBy(r -> CloudEventRecords.read(r).getId(), Collectors.counting()));
        Set<String> storedIds = storedById(List.of(stream)).keySet();
        assertThat(copies.keySet()).as("nothing lost").containsExactlyInAnyOrderElementsOf(storedIds);
        assertThat(copies.values().stream().filter(n -> n == 2).count()).as("the unacknowledged batch again").isEqualTo(5);
        assertThat(copies.values()).allMatch(n -> n <= 2);
    }

    @Test
    void anEventCommittedLateIsNotSkipped() throws Exception {
        String early = "c-" + UUID.randomUUID();
        String late = "c-" + UUID.randomUUID();
        OutboxRelay relay = relay("late", 100, RelayListener.NONE);
        try (Connection slow = fixture.dataSource.getConnection()) {
            slow.setAutoCommit(false);
            // Takes the lower global position but commits last.
            fixture.store.append(slow, early, "counter", 0, List.<CounterEvent>of(new Incremented(early, 1)), fixture.codec,
                    EventMetadata.of("acme", null, null));
            append(late, 0, new Incremented(late, 2));

            assertThat(relay.relayOnce()).as("nothing is read past a transaction still running").isZero();
            slow.commit();
        }
        assertThat(drain(relay, 2)).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> records = consume(2);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(early, late);
    }

    @Test
    void onlyOneReplicaRelaysAtATime() throws Exception {
        String stream = "c-" + UUID.randomUUID();
        append(stream, 0, new Incremented(stream, 1));
        OutboxRelay other = relay("leader", 100, RelayListener.NONE);
        OutboxRelay holder = relay("leader", 100, batch -> assertThat(other.relayOnce())
                .as("a second replica does nothing while the first relays").isZero());
        assertThat(holder.relayOnce()).isEqualTo(1);
        assertThat(consume(1)).hasSize(1);
    }

    @Test
    void anUndecodableEventIsParkedOnTheDeadLetterTopicAndDoesNotBlockTheOnesAfterIt() throws Exception {
        String before = "c-" + UUID.randomUUID();
        String poisoned = "c-" + UUID.randomUUID();
        String after = "c-" + UUID.randomUUID();
        append(before, 0, new Incremented(before, 1));
        UUID poisonId = UUID.randomUUID();
        try (Connection c = fixture.dataSource.getConnection(); var insert = c.prepareStatement("""
                INSERT INTO es_events (event_id, stream_id, stream_type, version, event_type, data, metadata)
                VALUES (?, ?, 'counter', 1, 'WrittenByANewerVersion', '{"unknown":true}', '{"tenantId":"acme"}')
                """)) {
            insert.setObject(1, poisonId);
            insert.setString(2, poisoned);
            insert.executeUpdate();
        }
        append(after, 0, new Incremented(after, 2));
        OutboxRelay relay = relay("poison-" + UUID.randomUUID(), 100, RelayListener.NONE);

        assertThat(drain(relay, 3)).isEqualTo(3);
        assertThat(relay.relayOnce()).isZero();

        assertThat(consume(2)).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(before, after);
        List<ConsumerRecord<String, byte[]>> parked = consume(relay.deadLetterTopic(), 1);
        assertThat(parked).hasSize(1);
        assertThat(parked.getFirst().key()).isEqualTo(poisoned);
        assertThat(header(parked.getFirst(), "event-id")).isEqualTo(poisonId.toString());
        assertThat(header(parked.getFirst(), "event-type")).isEqualTo("WrittenByANewerVersion");
        assertThat(header(parked.getFirst(), "dead-letter-reason")).isNotBlank();
        assertThat(new String(parked.getFirst().value(), StandardCharsets.UTF_8)).contains("unknown");
    }

    private void append(String stream, long expected, CounterEvent... events) {
        fixture.store.append(stream, "counter", expected, List.of(events), fixture.codec, EventMetadata.of("acme", "corr", null));
    }

    private OutboxRelay relay(String name, int batchSize, RelayListener listener) {
        Function<StoredEvent, Optional<OutboundEvent>> map = stored -> switch (fixture.codec.decode(stored)) {
            case Incremented incremented -> Optional.of(new OutboundEvent(topic, incremented.counterId(),
                    "io.waybill.test.incremented.v1", incremented.counterId(), stored.metadata().tenantId(),
                    stored.data().getBytes(StandardCharsets.UTF_8)));
            case Reset reset -> Optional.empty();
        };
        var settings = new OutboxRelay.Settings(name, java.net.URI.create("/relay-test"), batchSize, Duration.ofMillis(50),
                Duration.ofSeconds(20));
        return new OutboxRelay(fixture.store, producer, map::apply, settings, listener);
    }

    /**
     * Relays until {@code expected} events passed or 20 s went by. A pass can read nothing while any
     * older transaction on the shared server is still open, so an empty pass is not the end.
     */
    private static int drain(OutboxRelay relay, int expected) throws InterruptedException {
        int total = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (total < expected && System.nanoTime() < deadline) {
            int n = relay.relayOnce();
            total += n;
            if (n == 0) {
                Thread.sleep(50);
            }
        }
        return total;
    }

    private Map<String, StoredEvent> storedById(List<String> streams) {
        Map<String, StoredEvent> byId = new HashMap<>();
        for (String stream : streams) {
            for (StoredEvent event : fixture.store.load(stream)) {
                if (event.eventType().equals("Incremented")) {
                    byId.put(event.eventId().toString(), event);
                }
            }
        }
        return byId;
    }

    /** Reads the topic from the beginning until {@code expected} records came and one more second is quiet. */
    private List<ConsumerRecord<String, byte[]>> consume(int expected) {
        return consume(topic, expected);
    }

    static List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 1_000;
                }
            }
        }
        return records;
    }

    private static int amount(ConsumerRecord<String, byte[]> record) {
        try {
            return StoreFixture.MAPPER.readTree(CloudEventRecords.dataAsString(CloudEventRecords.read(record))).get("by").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
