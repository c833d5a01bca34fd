package io.waybill.eventstore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
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
     * passed (published, skipped as private or parked as undecodable), 0 when there was nothing or
     * another replica relays.
     */
    public int relayOnce() {
        return Transactions.inTransaction(store.dataSource(), connection -> {
            if (!tryLock(connection)) {
                return 0;
            }
            List<EventStore.LogEntry> batch = store.readAfter(connection, checkpoint(connection), settings.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            // Everything is mapped before anything is sent: an event that cannot be mapped must not
            // leave the part of the batch before it on Kafka, to be sent again on every retry.
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.size());
            for (EventStore.LogEntry entry : batch) {
                records.addAll(map(entry.event()).stream().toList());
            }
            publish(records);
            listener.published(batch.stream().map(EventStore.LogEntry::event).toList());
            saveCheckpoint(connection, batch.get(batch.size() - 1).position());
            return batch.size();
        });
    }

    /**
     * The record for one stored event, or none when it stays private. An event the mapper cannot
     * read (written by a newer version, or corrupt) is never going to map on a retry: it is parked
     * on the relay's dead-letter topic with the reason instead of blocking every event behind it.
     */
    private Optional<ProducerRecord<String, byte[]>> map(StoredEvent stored) {
        Optional<OutboundEvent> outbound;
        try {
            outbound = mapper.map(stored);
        } catch (RuntimeException e) {
            LOG.errorf("Outbox relay %s parks undecodable event %s (%s, stream %s, position %d) on %s: %s", settings.name(),
                    stored.eventId(), stored.eventType(), stored.streamId(), stored.globalPosition(), deadLetterTopic(),
                    e.getMessage());
            return Optional.of(parked(stored, e));
        }
        return outbound.map(o -> record(stored, o));
    }

    /** Where undecodable stored events go: {@code waybill.outbox.<relay name>.dlq}. */
    public String deadLetterTopic() {
        return "waybill.outbox." + settings.name() + ".dlq";
    }

    private ProducerRecord<String, byte[]> parked(StoredEvent stored, RuntimeException reason) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(deadLetterTopic(), stored.streamId(),
                stored.data().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", utf8(stored.eventId().toString()))
                .add("event-type", utf8(stored.eventType()))
                .add("stream-id", utf8(stored.streamId()))
                .add("global-position", utf8(Long.toString(stored.globalPosition())))
                .add("dead-letter-reason", utf8(String.valueOf(reason.getMessage())));
        return record;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
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
                    pause(settings.idleWait());
                }
            } catch (RuntimeException e) {
                // Kafka or the database is away: nothing moved, try again later with back-off.
                LOG.warnf("Outbox relay %s failed, retrying in %s: %s", settings.name(), backoff, e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** Waits, or less when {@link #close()} is called: stopping never has to interrupt the worker. */
    private synchronized void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            for (long left = duration.toNanos(); running && left > 0; left = until - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void publish(List<ProducerRecord<String, byte[]>> records) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            acks.add(producer.send(record));
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

    /**
     * Moves the checkpoint forward, never back: if it is not behind {@code checkpoint} any more, another
     * relay passed these events while this one held no lock (it cannot happen while the advisory lock
     * holds) and the batch's transaction fails rather than move the checkpoint back over them.
     */
    private void saveCheckpoint(Connection connection, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO es_checkpoints (name, transaction_id, global_position, updated_at)
                VALUES (?, ?::xid8, ?, now())
                ON CONFLICT (name) DO UPDATE
                   SET transaction_id = excluded.transaction_id,
                       global_position = excluded.global_position,
                       updated_at = excluded.updated_at
                 WHERE (es_checkpoints.transaction_id, es_checkpoints.global_position)
                       < (excluded.transaction_id, excluded.global_position)
                """)) {
            upsert.setString(1, settings.name());
            upsert.setString(2, checkpoint.transactionId());
            upsert.setLong(3, checkpoint.globalPosition());
            if (upsert.executeUpdate() != 1) {
                throw new EventStoreException("Outbox relay " + settings.name() + " checkpoint is already past "
                        + checkpoint, null);
            }
        }
    }

    /**
     * Stops relaying. The batch in flight is allowed to finish (up to the send timeout) before the
     * worker is interrupted: interrupting it between Kafka's acknowledgement and the checkpoint would
     * make the next replica publish that batch a second time, which a rolling restart must not do.
     */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        Thread current = worker;
        if (current == null) {
            return;
        }
        try {
            current.join(settings.sendTimeout().plusSeconds(5).toMillis());
            if (current.isAlive()) {
                current.interrupt();
                current.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
