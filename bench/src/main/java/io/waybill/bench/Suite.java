package io.waybill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.bench.IntakeBench.RunOptions;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The end-to-end part of bench/run.sh, in one JVM against the running local stack:
 *
 * <ol>
 *   <li><b>Intake</b>: POST /api/v1/shipments through the gateway at a fixed rate ({@link OpenLoad}), sandbox
 *       carrier (the demo body). Meanwhile a Kafka consumer reads {@code waybill.shipment-validated} and
 *       {@code waybill.label-generated}: ShipmentValidated→LabelGenerated latency = LabelGenerated record
 *       timestamp − ShipmentValidated record timestamp (both set by the relays' producers), for the shipments
 *       scheduled in the measured window.</li>
 *   <li><b>Webhooks</b>: once the labels are out, signed sandbox webhooks ({@code Waybill-Signature}) for those
 *       tracking numbers to POST /webhooks/sandbox at a fixed rate; a share of them are exact re-deliveries of an
 *       earlier webhook (duplicates). Each unique webhook, dated now, moves its parcel's status (alternately
 *       AVAILABLE_FOR_PICKUP and EXCEPTION, which the sandbox's polling never reports); webhook→StatusChanged
 *       latency = StatusChanged record timestamp − the webhook's scheduled send time.</li>
 * </ol>
 * Writes {@code <out>/intake.properties}, {@code webhooks.properties} (the OpenLoad step files) and
 * {@code pipeline.properties} (the two event latencies); {@link SuiteReport} adds the raw references.
 */
final class Suite {

    /**
     * Sandbox codes the sandbox carrier's polling never reports (it reports SB10-SB80), alternating, and what they
     * normalize to: every unique webhook then moves its parcel's status, whatever polling did in between.
     */
    private static final List<String> STATUS_CODES = List.of("AT_PICKUP_POINT", "EXCEPTION");
    private static final List<String> STATUSES = List.of("AVAILABLE_FOR_PICKUP", "EXCEPTION");

    private Suite() {
    }

    static int run(List<String> args) throws Exception {
        Map<String, ProcCpu.Group> groups = new LinkedHashMap<>();
        Map<String, String> o = IntakeBench.options(args, groups);
        Path out = Path.of(required(o, "out"));
        Files.createDirectories(out);
        String gateway = o.getOrDefault("gateway", "http://127.0.0.1:8080");
        String bootstrap = o.getOrDefault("bootstrap", "127.0.0.1:9092");
        double intakeRate = Double.parseDouble(o.getOrDefault("intake-rate", "10"));
        double webhookRate = Double.parseDouble(o.getOrDefault("webhook-rate", "50"));
        double duplicates = Double.parseDouble(o.getOrDefault("duplicates", "0.25"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int duration = Integer.parseInt(o.getOrDefault("duration", "20"));
        int waitMax = Integer.parseInt(o.getOrDefault("wait", "90"));
        int clkTck = Integer.parseInt(o.getOrDefault("clk-tck", "100"));
        String prefix = o.getOrDefault("key-prefix", "bench-" + System.currentTimeMillis());
        String token = System.getenv("BENCH_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("set BENCH_TOKEN to an erp token (platform.sh token erp-acme erp-acme-secret)");
        }
        String secret = System.getenv().getOrDefault("BENCH_WEBHOOK_SECRET", "sandbox-webhook-secret");
        if (duplicates < 0 || duplicates >= 1) {
            throw new IllegalArgumentException("--duplicates must be in [0, 1)");
        }

        try (Watch watch = new Watch(bootstrap, prefix)) {
            // ---- 1. intake, with ShipmentValidated -> LabelGenerated
            RunOptions intake = new RunOptions(gateway + "/api/v1/shipments",
                    Path.of(o.getOrDefault("body-template", "deploy/local/demo-shipment.json")), intakeRate, warmup, duration,
                    15, 2000, prefix, out.resolve("intake.properties"), out.resolve("intake.hgrm"), groups, clkTck, 30, 25,
                    token.strip(), 5);
            OpenLoad.Requests shipments = OpenLoad.shipments(intake);
            Properties intakeFigures = OpenLoad.step(intake, new OpenLoad.Requests() {
                @Override
                public HttpRequest.Builder request(long n, String key, boolean measured, long intendedNanos) {
                    if (measured) {
                        watch.measuredReferences.add(key);
                    }
                    return shipments.request(n, key, measured, intendedNanos);
                }

                @Override
                public int acceptedStatus() {
                    return 201;
                }
            });
            long acceptedMeasured = Long.parseLong(intakeFigures.getProperty("outcome.201", "0"));
            awaitProgress("labels", () -> watch.labelled(), acceptedMeasured, waitMax);

            // ---- 2. webhooks, with webhook -> StatusChanged
            List<String> numbers = watch.ourTrackingNumbers();
            if (numbers.isEmpty()) {
                throw new IllegalStateException("no LabelGenerated of this run was read: no tracking numbers for the webhooks");
            }
            TimeUnit.SECONDS.sleep(2); // tracking-service registers the numbers from LabelGenerated
            Webhooks webhooks = new Webhooks(URI.create(gateway + "/webhooks/sandbox"), secret, numbers, duplicates, watch);
            RunOptions hooks = new RunOptions(gateway + "/webhooks/sandbox", null, webhookRate, warmup, duration, 15, 2000,
                    prefix + "-wh", out.resolve("webhooks.properties"), out.resolve("webhooks.hgrm"), groups, clkTck, 30, 25,
                    "", 5);
            OpenLoad.step(hooks, webhooks);
            awaitProgress("status changes", watch::statusChanges, webhooks.expected(), waitMax);

            // ---- 3. the event latencies
            Properties p = new Properties();
            p.setProperty("keyPrefix", prefix);
            p.setProperty("intake.rate", String.valueOf(intakeRate));
            p.setProperty("webhook.rate", String.valueOf(webhookRate));
            p.setProperty("webhook.duplicateShare", String.valueOf(duplicates));
            p.setProperty("webhook.trackingNumbers", String.valueOf(numbers.size()));
            watch.figures(p, webhooks.expected());
            // Which expected status moves never showed up, to look them up (GET /api/v1/trackings/sandbox/{number}).
            Files.write(out.resolve("status-missing.txt"), watch.sentAt.keySet().stream()
                    .filter(k -> watch.changedAt.getOrDefault(k, List.of()).size() < watch.sentAt.get(k).size()).sorted().toList());
            try (OutputStream os = Files.newOutputStream(out.resolve("pipeline.properties"))) {
                p.store(os, "waybill bench suite: event latencies");
            }
            System.err.printf("[bench] ShipmentValidated->LabelGenerated p50 %s ms p99 %s ms (%s of %s); "
                            + "webhook->StatusChanged p50 %s ms p99 %s ms (%s of %s)%n",
                    p.getProperty("label.p50"), p.getProperty("label.p99"), p.getProperty("label.count"),
                    p.getProperty("label.expected"), p.getProperty("status.p50"), p.getProperty("status.p99"),
                    p.getProperty("status.count"), p.getProperty("status.expected"));
        }
        return 0;
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    /** Waits until {@code done} reaches {@code expected}, at most {@code maxSeconds}, or 20 s without progress. */
    private static void awaitProgress(String what, IntSupplier done, long expected, int maxSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        long begin = System.nanoTime();
        int last = -1;
        long lastChange = System.nanoTime();
        while (done.getAsInt() < expected && System.nanoTime() < deadline
                && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(20)) {
            int now = done.getAsInt();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        System.err.printf("[bench] %s: %d of %d after %.1f s%n", what, done.getAsInt(), expected,
                (System.nanoTime() - begin) / 1e9);
    }

    /**
     * Signed sandbox webhooks. Request n is a duplicate (an exact re-delivery of an earlier unique webhook, newly
     * signed) when the running share of duplicates is below the target; otherwise the next unique event: tracking
     * number u mod N, with the status of its (u div N)-th visit.
     */
    static final class Webhooks implements OpenLoad.Requests {
        private final URI uri;
        private final Mac mac;
        private final List<String> numbers;
        private final double duplicates;
        private final Watch watch;
        private final List<String> sentBodies = new ArrayList<>();
        private final long epochOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        private long unique;
        private long duplicated;
        private int expected;

        Webhooks(URI uri, String secret, List<String> numbers, double duplicates, Watch watch) throws Exception {
            this.uri = uri;
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.numbers = numbers;
            this.duplicates = duplicates;
            this.watch = watch;
        }

        @Override
        public HttpRequest.Builder request(long n, String key, boolean measured, long intendedNanos) {
            String body;
            if (!sentBodies.isEmpty() && duplicated < duplicates * (n + 1)) {
                duplicated++;
                body = sentBodies.get((int) ((n * 7919) % sentBodies.size()));
            } else {
                String number = numbers.get((int) (unique % numbers.size()));
                int visit = (int) (unique / numbers.size());
                String code = STATUS_CODES.get(visit % STATUS_CODES.size());
                body = "{\"trackingNumber\":\"" + number + "\",\"code\":\"" + code + "\",\"description\":\"bench " + code
                        + "\",\"location\":\"Barcelona\",\"occurredAt\":\""
                        + Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC) + "\"}";
                unique++;
                sentBodies.add(body);
                if (measured) {
                    expected++;
                    watch.sentAt.computeIfAbsent(number + "|" + STATUSES.get(visit % STATUSES.size()),
                            k -> new CopyOnWriteArrayList<>()).add((epochOffsetNanos + intendedNanos) / 1_000_000L);
                }
            }
            String t = String.valueOf(System.currentTimeMillis() / 1000);
            String signature;
            synchronized (mac) {
                signature = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
            }
            return HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .header("Waybill-Signature", "t=" + t + ",v1=" + signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }

        @Override
        public int acceptedStatus() {
            return 202;
        }

        int expected() {
            return expected;
        }
    }

    /** Reads ShipmentValidated, LabelGenerated and StatusChanged from the end of their topics while the suite runs. */
    static final class Watch implements AutoCloseable {
        final Set<String> measuredReferences = ConcurrentHashMap.newKeySet();
        /** shipmentId -> ShipmentValidated record timestamp, for shipments scheduled in the measured intake window. */
        final Map<String, Long> validatedAt = new ConcurrentHashMap<>();
        /** shipmentId -> LabelGenerated record timestamp (any shipment; matched at the end). */
        final Map<String, Long> labelledAt = new ConcurrentHashMap<>();
        /** shipmentId -> tracking number of every outbound label read. */
        final Map<String, String> trackingNumbers = new ConcurrentHashMap<>();
        final Set<String> ourShipments = ConcurrentHashMap.newKeySet();
        /** "trackingNumber|status" -> scheduled send times (epoch ms) of the unique measured webhooks, in order. */
        final Map<String, List<Long>> sentAt = new ConcurrentHashMap<>();
        /** "trackingNumber|status" -> record timestamps of the StatusChanged (source WEBHOOK) to it, in order. */
        final Map<String, List<Long>> changedAt = new ConcurrentHashMap<>();
        private final String prefix;
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final Thread reader;

        Watch(String bootstrap, String prefix) {
            this.prefix = prefix;
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(LabelLatencyBench.consumerProps(bootstrap));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.SHIPMENT_VALIDATED, Topics.LABEL_GENERATED, Topics.STATUS_CHANGED)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets before anything is sent
            reader = LabelLatencyBench.pollUntilStopped("bench-watch", consumer, reading, this::read);
        }

        private void read(ConsumerRecord<String, byte[]> r) {
            JsonNode data;
            try {
                data = ContractsJson.mapper().readTree(r.value());
            } catch (IOException | RuntimeException e) {
                return;
            }
            String shipmentId = data.path("shipmentId").asText();
            switch (r.topic()) {
                case Topics.SHIPMENT_VALIDATED -> {
                    String reference = data.path("orderReference").asText();
                    if (reference.startsWith(prefix + "-")) {
                        ourShipments.add(shipmentId);
                        if (measuredReferences.contains(reference)) {
                            validatedAt.putIfAbsent(shipmentId, r.timestamp());
                        }
                    }
                }
                case Topics.LABEL_GENERATED -> {
                    if (data.path("returnId").isTextual()) {
                        return;
                    }
                    labelledAt.putIfAbsent(shipmentId, r.timestamp());
                    trackingNumbers.putIfAbsent(shipmentId, data.path("trackingNumber").asText());
                }
                case Topics.STATUS_CHANGED -> {
                    String key = data.path("trackingNumber").asText() + "|" + data.path("status").asText();
                    if ("WEBHOOK".equals(data.path("source").asText()) && sentAt.containsKey(key)) {
                        changedAt.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(r.timestamp());
                    }
                }
                default -> {
                }
            }
        }

        /** Tracking numbers of this run's shipments (LabelGenerated may be read before its ShipmentValidated). */
        List<String> ourTrackingNumbers() {
            return ourShipments.stream().map(trackingNumbers::get).filter(t -> t != null && !t.isBlank()).sorted().toList();
        }

        int statusChanges() {
            return sentAt.entrySet().stream()
                    .mapToInt(e -> Math.min(e.getValue().size(), changedAt.getOrDefault(e.getKey(), List.of()).size())).sum();
        }

        int labelled() {
            return (int) validatedAt.keySet().stream().filter(labelledAt::containsKey).count();
        }

        void figures(Properties p, int expectedStatus) {
            Histogram label = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Map.Entry<String, Long> e : validatedAt.entrySet()) {
                Long at = labelledAt.get(e.getKey());
                if (at != null) {
                    label.recordValue(Math.max(0, at - e.getValue()));
                    first = Math.min(first, at);
                    last = Math.max(last, at);
                }
            }
            put(p, "label", label, validatedAt.size());
            if (label.getTotalCount() > 1 && last > first) {
                p.setProperty("label.perSecond", fmt((label.getTotalCount() - 1) * 1000.0 / (last - first)));
            }
            Histogram status = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
            // The n-th status move of a parcel to a status answers the n-th webhook that asked for it.
            changedAt.forEach((k, changes) -> {
                List<Long> sends = sentAt.get(k);
                for (int i = 0; i < Math.min(sends.size(), changes.size()); i++) {
                    status.recordValue(Math.max(0, changes.get(i) - sends.get(i)));
                }
            });
            put(p, "status", status, expectedStatus);
        }

        private static void put(Properties p, String prefix, Histogram h, long expected) {
            p.setProperty(prefix + ".expected", String.valueOf(expected));
            p.setProperty(prefix + ".count", String.valueOf(h.getTotalCount()));
            if (h.getTotalCount() > 0) {
                p.setProperty(prefix + ".p50", String.valueOf(h.getValueAtPercentile(50)));
                p.setProperty(prefix + ".p99", String.valueOf(h.getValueAtPercentile(99)));
                p.setProperty(prefix + ".max", String.valueOf(h.getMaxValue()));
            }
        }

        private static String fmt(double v) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }

        @Override
        public void close() throws InterruptedException {
            reading.set(false);
            reader.join();
        }
    }
}
