package io.waybill.eventstore;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The transactional outbox, with the event log itself as the outbox (ADR 0002): tails
 * {@code es_events} from a checkpoint, publishes what the {@link OutboundMapper} maps as binary-mode
 * CloudEvents (id = stored event id, key = shipment id), waits for Kafka's acknowledgement, then moves
 * the checkpoint. A crash between the two republishes the batch: duplicates are possible (consumers
 * de-duplicate by event id), losses are not. One replica relays at a time (advisory lock).
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    public record Settings(String name, URI source, int batchSize, Duration idleWait, Duration sendTimeout) {

        public static Settings defaults(String name, String service) {
            return new Settings(name, URI.create("/" + service), 500, Duration.ofMillis(200), Duration.ofSeconds(30));
        }
    }

    private final EventStore store;
    private final Producer<String, byte[]> producer;
    private final OutboundMapper mapper;
    private final Settings settings;
    private final RelayListener listener;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(EventStore store, Producer<String, byte[]> producer, OutboundMapper mapper, Settings settings,
            RelayListener listener) {
        this.store = store;
        this.producer = producer;
        this.mapper = mapper;
        this.settings = settings;
        this.listener = listener;
    }

    /** Producer settings the relay relies on: idempotent, every in-sync replica acknowledges. */
    public static Properties producerProperties(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * Publishes one batch if this replica holds the relay lock. Returns the number of stored events
     * passed (published or skipped as private), 0 when there was nothing or another replica relays.
     */
    public int relayOnce() {
        return Transactions.inTransaction(store.dataSource(), connection -> {
            if (!tryLock(connection)) {
                return 0;
            }
            Checkpoint from = checkpoint(connection);
            List<EventStore.LogEntry> batch = store.readAfter(connection, from, settings.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            publish(batch);
            listener.published(batch.stream().map(EventStore.LogEntry::event).toList());
            saveCheckpoint(connection, batch.get(batch.size() - 1).position());
            return batch.size();
        });
    }

    /** Relays continuously on a background thread until {@link #close()}. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().daemon().name("outbox-relay-" + settings.name()).start(this::loop);
    }

    private void loop() {
        Duration backoff = settings.idleWait();
        while (running) {
            try {
                int relayed = relayOnce();
                backoff = settings.idleWait();
                if (relayed == 0) {
                    sleep(settings.idleWait());
                }
            } catch (RuntimeException e) {
                // Kafka or the database is away: nothing moved, try again later with back-off.
                LOG.warnf("Outbox relay %s failed, retrying in %s: %s", settings.name(), backoff, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void publish(List<EventStore.LogEntry> batch) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (EventStore.LogEntry entry : batch) {
            Optional<OutboundEvent> outbound = mapper.map(entry.event());
            if (outbound.isPresent()) {
                acks.add(producer.send(record(entry.event(), outbound.get())));
            }
        }
        producer.flush();
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private ProducerRecord<String, byte[]> record(StoredEvent stored, OutboundEvent outbound) {
        return CloudEventRecords.write(outbound, stored.eventId().toString(), settings.source(), stored.recordedAt(),
                stored.metadata().correlationId());
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "outbox-relay:" + settings.name());
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private Checkpoint checkpoint(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT transaction_id::text, global_position FROM es_checkpoints WHERE name = ?")) {
            select.setString(1, settings.name());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? new Checkpoint(rs.getString(1), rs.getLong(2)) : Checkpoint.START;
            }
        }
    }

    private void saveCheckpoint(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO es_checkpoints (name, transaction_id, global_position, updated_at)
                VALUES (?, ?::xid8, ?, now())
                ON CONFLICT (name) DO UPDATE
                   SET transaction_id = excluded.transaction_id,
                       global_position = excluded.global_position,
                       updated_at = excluded.updated_at
                """)) {
            upsert.setString(1, settings.name());
            upsert.setString(2, checkpoint.transactionId());
            upsert.setLong(3, checkpoint.globalPosition());
            upsert.executeUpdate();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread current = worker;
        if (current != null) {
            current.interrupt();
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
