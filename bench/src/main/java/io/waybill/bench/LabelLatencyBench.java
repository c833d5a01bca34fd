package io.waybill.bench;

import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.CloudEventRecords;
import io.waybill.eventstore.PublicEvents;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * ShipmentValidated → LabelGenerated latency of a running label-service with the sandbox carrier, at a
 * fixed arrival rate (open model: sends are scheduled by the clock, not by answers). Latency = time
 * LabelGenerated is read − scheduled send time, so a slow send counts against the service too.
 *
 * <p>Arguments: bootstrap servers, rate per second (200), measured seconds (30), warm-up seconds (5).
 * Run with {@code bench/label-bench.sh latency}.
 */
public final class LabelLatencyBench {

    private LabelLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String run = "lat-" + System.currentTimeMillis();

        Map<String, Long> scheduledAt = new ConcurrentHashMap<>();
        Map<String, Boolean> recorded = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
        AtomicBoolean reading = new AtomicBoolean(true);

        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LABEL_GENERATED).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets before anything is sent
        Thread reader = Thread.ofPlatform().start(() -> {
            while (reading.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    Long sent = scheduledAt.get(record.key());
                    if (sent != null && recorded.putIfAbsent(record.key(), Boolean.TRUE) == null) {
                        synchronized (histogram) {
                            histogram.recordValue(Math.max(0, now - sent));
                        }
                    }
                }
            }
            consumer.close();
        });

        long total = Math.round(rate * (warmup + measured));
        long warmupCount = Math.round(rate * warmup);
        long interval = (long) (1_000_000_000L / rate);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(bootstrap))) {
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                ShipmentValidated shipment = shipment(run + "-" + i);
                if (i >= warmupCount) {
                    scheduledAt.put(shipment.shipmentId(), due);
                }
                producer.send(CloudEventRecords.write(PublicEvents.outbound(shipment), UUID.randomUUID().toString(),
                        URI.create("/bench"), OffsetDateTime.now(), null));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (recorded.size() < scheduledAt.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        reading.set(false);
        reader.join();
        System.out.printf("rate=%.0f/s measured=%ds (%d shipments) warmup=%ds labelled=%d missing=%d%n", rate, measured,
                scheduledAt.size(), warmup, recorded.size(), scheduledAt.size() - recorded.size());
        System.out.printf("latency ms: p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f%n",
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static ShipmentValidated shipment(String reference) {
        Address sender = new Address("Almacén Central", "Acme SL", List.of("Calle de Alcalá 1"), "Madrid", null, "28014", "ES",
                null, null);
        Address recipient = new Address("Ana Gómez", null, List.of("Carrer de Mallorca 401"), "Barcelona", null, "08013", "ES",
                null, null);
        return new ShipmentValidated(UUID.randomUUID().toString(), "acme", reference, sender, recipient,
                List.of(new Parcel(1200, new Dimensions(300, 200, 100), List.of())), "sandbox", "standard", null, "PDF", null,
                OffsetDateTime.now());
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return p;
    }

    /** A platform thread that polls {@code consumer} (closing it at the end) while {@code reading} holds. */
    static Thread pollUntilStopped(String name, KafkaConsumer<String, byte[]> consumer, AtomicBoolean reading,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> read) {
        return Thread.ofPlatform().name(name).start(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        read.accept(r);
                    }
                }
            }
        });
    }

    static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }
}
