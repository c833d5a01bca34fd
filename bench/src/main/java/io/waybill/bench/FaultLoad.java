package io.waybill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The steady load of bench/faults.sh, run while the script injects faults (bench/README.md, "Fault suite").
 *
 * <p>Through the gateway, at fixed rates until {@code <out>/stop} appears (or {@code --max-duration}):
 * <ul>
 *   <li>shipments of tenant acme, sandbox carrier, and of tenant globex, Koiki (its account points at the suite's
 *       WireMock); a request without an answer, or answered 5xx/408/429, is sent again with the same
 *       Idempotency-Key until it is answered (an ERP's retry), so a lost 201 comes back as 200 with the same id;</li>
 *   <li>signed sandbox webhooks for the tracking numbers labelled so far, each unique event delivered three times
 *       (0, 2 and 5 s after it is made), each delivery retried like a shipment;</li>
 *   <li>returns of labelled shipments (both SKUs) and their inspection (everything restocked).</li>
 * </ul>
 * Also, once: a malformed record on {@code waybill.shipment-validated} and one on {@code waybill.label-generated}
 * (no CloudEvent headers, unreadable value) and an unparseable signed webhook: the poison the DLQ check expects.
 *
 * <p>When the stop file appears (the script writes it when the last fault is over) no new work starts; retries go on
 * until answered or {@code --grace} ends, while the consumer lag of every consumer group is sampled each second
 * for {@code --lag-window} seconds. Writes shipments.tsv, webhooks.tsv, returns.tsv, poison.tsv, timeline.tsv,
 * lag.tsv, offsets-start.properties and load.properties in {@code --out}; {@link FaultVerify} checks them.
 */
final class FaultLoad {

    private static final List<String> WEBHOOK_CODES =
            List.of("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "AT_PICKUP_POINT", "DELIVERY_FAILED", "EXCEPTION");
    private static final long[] DELIVERY_OFFSETS_MS = {0, 2_000, 5_000};
    private static final String SKU_1 = "SKU-1";
    private static final String SKU_2 = "SKU-2";

    private final Path out;
    private final String gateway;
    private final String bootstrap;
    private final String prefix;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "faults-timer");
        t.setDaemon(true);
        return t;
    });
    private final Tokens acme;
    private final Tokens globex;
    private final Mac mac;
    private final long startMs = System.currentTimeMillis();
    private final AtomicInteger open = new AtomicInteger();
    /**
     * At most this many requests on the wire at once: without a cap, thousands of retries during an outage come back
     * together and keep the gateway saturated after the fault is gone (the first runs did exactly that).
     */
    private final java.util.concurrent.Semaphore wire = new java.util.concurrent.Semaphore(64);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile long graceEndNanos = Long.MAX_VALUE;
    /** "second|stream|outcome" -> attempts: what each fault did to the clients. */
    private final Map<String, LongAdder> timeline = new ConcurrentHashMap<>();

    private final List<Shipment> shipments = new CopyOnWriteArrayList<>();
    private final List<WebhookEvent> webhooks = new CopyOnWriteArrayList<>();
    private final List<ReturnCase> returns = new CopyOnWriteArrayList<>();
    private final Map<String, Shipment> byShipmentId = new ConcurrentHashMap<>();
    /** Sandbox tracking numbers whose LabelGenerated was read, with when: the webhooks' targets. */
    private final List<String> numbers = new CopyOnWriteArrayList<>();
    private final Map<String, Long> labelledAt = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Shipment> returnable = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastOccurredMs = new AtomicLong();

    private FaultLoad(Map<String, String> o) throws Exception {
        out = Path.of(o.get("out"));
        gateway = o.getOrDefault("gateway", "http://127.0.0.1:8080");
        bootstrap = o.getOrDefault("bootstrap", "127.0.0.1:9092");
        prefix = o.getOrDefault("key-prefix", "faults-" + startMs);
        String keycloak = o.getOrDefault("keycloak", "http://127.0.0.1:8180/realms/waybill");
        acme = new Tokens(http, keycloak, o.getOrDefault("client-id", "erp-acme"), o.getOrDefault("client-secret", "erp-acme-secret"));
        globex = new Tokens(http, keycloak, o.getOrDefault("koiki-client-id", "erp-globex"),
                o.getOrDefault("koiki-client-secret", "erp-globex-secret"));
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(System.getenv().getOrDefault("BENCH_WEBHOOK_SECRET", "sandbox-webhook-secret")
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    static int run(List<String> args) throws Exception {
        Map<String, String> o = IntakeBench.options(args, new LinkedHashMap<>());
        if (!o.containsKey("out")) {
            throw new IllegalArgumentException("--out is required");
        }
        Files.createDirectories(Path.of(o.get("out")));
        return new FaultLoad(o).go(o);
    }

    private int go(Map<String, String> o) throws Exception {
        double shipmentRate = Double.parseDouble(o.getOrDefault("shipment-rate", "5"));
        double koikiRate = Double.parseDouble(o.getOrDefault("koiki-rate", "1"));
        double webhookRate = Double.parseDouble(o.getOrDefault("webhook-rate", "4"));
        double returnRate = Double.parseDouble(o.getOrDefault("return-rate", "0.5"));
        int maxDuration = Integer.parseInt(o.getOrDefault("max-duration", "600"));
        int grace = Integer.parseInt(o.getOrDefault("grace", "90"));
        int lagWindow = Integer.parseInt(o.getOrDefault("lag-window", "60"));
        int poisonAt = Integer.parseInt(o.getOrDefault("poison-at", "15"));
        String template = Files.readString(Path.of(o.getOrDefault("body-template", "bench/faults-shipment.json")));
        Path stopFile = out.resolve("stop");

        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        Map<TopicPartition, Long> start = endOffsets(admin, admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith("waybill.")).toList());
        try (OutputStream os = Files.newOutputStream(out.resolve("offsets-start.properties"))) {
            Properties p = new Properties();
            start.forEach((tp, offset) -> p.setProperty(tp.topic() + ":" + tp.partition(), String.valueOf(offset)));
            p.store(os, "end offsets when the load started");
        }
        Set<String> groupsAtStart = activeGroups(admin);
        acme.get();
        globex.get();
        LabelWatch watch = new LabelWatch(start);
        System.err.printf("[faults] load %s: %.1f sandbox + %.1f koiki shipments/s, %.1f webhook events/s (x3), %.1f returns/s;"
                + " %d consumer groups active%n", prefix, shipmentRate, koikiRate, webhookRate, returnRate, groupsAtStart.size());

        List<Thread> streams = new ArrayList<>();
        streams.add(paced("shipments", shipmentRate, n -> shipment(template, n, false)));
        streams.add(paced("koiki", koikiRate, n -> shipment(template, n, true)));
        streams.add(paced("webhooks", webhookRate, this::webhookEvent));
        streams.add(paced("returns", returnRate, n -> returnCase()));
        timer.schedule(this::poison, poisonAt, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxDuration);
        while (!Files.exists(stopFile) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        long stopMs = System.currentTimeMillis();
        stopping.set(true);
        graceEndNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(grace);
        for (Thread t : streams) {
            t.join();
        }
        System.err.printf("[faults] load stopped after %.0f s (%s); %d requests still being retried%n",
                (stopMs - startMs) / 1e3, Files.exists(stopFile) ? "stop file" : "max duration", open.get());

        // Consumer lag of every group, each second, until all are at 0 (or the window ends).
        Properties lag = new Properties();
        long zeroAt = -1;
        Map<String, Long> last = Map.of();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("lag.tsv")))) {
            w.println("seconds_after_stop\tgroup\tstate\tlag");
            long lagDeadline = stopMs + lagWindow * 1000L;
            while (System.currentTimeMillis() < lagDeadline) {
                long now = System.currentTimeMillis();
                try {
                    last = lags(admin, groupsAtStart);
                    for (Map.Entry<String, Long> e : last.entrySet()) {
                        w.printf("%.1f\t%s\t%d%n", (now - stopMs) / 1e3, e.getKey(), e.getValue());
                    }
                    if (!last.isEmpty() && last.values().stream().allMatch(v -> v == 0)) {
                        zeroAt = now;
                        break;
                    }
                } catch (Exception e) {
                    w.printf("%.1f\t-\t%s%n", (now - stopMs) / 1e3, e);
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
        lag.setProperty("window.seconds", String.valueOf(lagWindow));
        lag.setProperty("zero.afterSeconds", zeroAt < 0 ? "-1" : String.format(java.util.Locale.ROOT, "%.1f", (zeroAt - stopMs) / 1e3));
        last.forEach((g, v) -> lag.setProperty("group." + g, String.valueOf(v)));
        lag.setProperty("groups", String.join(",", new TreeMap<>(last).keySet()));

        // Retries still open: give them what is left of the grace period.
        while (open.get() > 0 && System.nanoTime() < graceEndNanos) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        watch.close();
        admin.close();
        timer.shutdownNow();

        Properties p = new Properties();
        p.setProperty("keyPrefix", prefix);
        p.setProperty("startedAt", String.valueOf(startMs));
        p.setProperty("stoppedAt", String.valueOf(stopMs));
        p.setProperty("finishedAt", String.valueOf(System.currentTimeMillis()));
        p.setProperty("unfinishedRequests", String.valueOf(open.get()));
        p.setProperty("rate.shipments", String.valueOf(shipmentRate));
        p.setProperty("rate.koiki", String.valueOf(koikiRate));
        p.setProperty("rate.webhookEvents", String.valueOf(webhookRate));
        p.setProperty("rate.returns", String.valueOf(returnRate));
        lag.forEach((k, v) -> p.setProperty("lag." + k, (String) v));
        try (OutputStream os = Files.newOutputStream(out.resolve("load.properties"))) {
            p.store(os, "bench/faults.sh load");
        }
        write();
        System.err.printf("[faults] %d shipments, %d webhook events, %d returns; lag 0 after %s s; %d requests unfinished%n",
                shipments.size(), webhooks.size(), returns.size(), lag.getProperty("zero.afterSeconds"), open.get());
        return 0;
    }

    // ------------------------------------------------------------------ pacing and sending

    /** A thread that calls {@code fire} at start + n / rate until the load stops (open model). */
    private Thread paced(String name, double rate, Consumer<Long> fire) {
        return Thread.ofPlatform().name("faults-" + name).start(() -> {
            if (rate <= 0) {
                return;
            }
            long begin = System.nanoTime();
            double period = 1e9 / rate;
            for (long n = 0; !stopping.get(); n++) {
                long at = begin + (long) (n * period);
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopping.get()) {
                    return;
                }
                try {
                    fire.accept(n);
                } catch (RuntimeException e) {
                    System.err.println("[faults] " + name + " " + n + ": " + e);
                }
            }
        });
    }

    /** An attempt's outcome: the status, or the client-side failure's name. */
    record Attempt(long atMs, String outcome) {
    }

    /**
     * Sends until an answer that is not worth retrying (or the grace period after the stop ends): no answer, 5xx,
     * 408, 429 and what {@code alsoRetry} says are sent again after a jittered, growing delay (up to 16 s).
     */
    private void send(String stream, Supplier<HttpRequest> request, IntPredicate alsoRetry, List<Attempt> attempts,
            Consumer<HttpResponse<String>> done) {
        open.incrementAndGet();
        attempt(stream, request, alsoRetry, attempts, done, 0);
    }

    private void attempt(String stream, Supplier<HttpRequest> request, IntPredicate alsoRetry, List<Attempt> attempts,
            Consumer<HttpResponse<String>> done, int tries) {
        HttpRequest r;
        try {
            r = request.get();
        } catch (RuntimeException e) { // no token (Keycloak): like a failed attempt
            retryOrGiveUp(stream, request, alsoRetry, attempts, done, tries, "token-" + e.getClass().getSimpleName(), null);
            return;
        }
        if (!wire.tryAcquire()) { // the wire is full: wait a little, like a client's connection pool would
            timer.schedule(() -> attempt(stream, request, alsoRetry, attempts, done, tries), 50, TimeUnit.MILLISECONDS);
            return;
        }
        http.sendAsync(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((response, failure) -> {
            wire.release();
            String outcome = response != null ? String.valueOf(response.statusCode()) : failureName(failure);
            int status = response == null ? 0 : response.statusCode();
            boolean retry = response == null || status >= 500 || status == 408 || status == 429 || alsoRetry.test(status);
            if (!retry) {
                attempts.add(new Attempt(System.currentTimeMillis(), outcome));
                count(stream, "ok-" + (status / 100) + "xx");
                open.decrementAndGet();
                try {
                    done.accept(response);
                } catch (RuntimeException e) {
                    System.err.println("[faults] " + stream + ": " + e);
                }
                return;
            }
            retryOrGiveUp(stream, request, alsoRetry, attempts, done, tries, outcome, response);
        });
    }

    private void retryOrGiveUp(String stream, Supplier<HttpRequest> request, IntPredicate alsoRetry, List<Attempt> attempts,
            Consumer<HttpResponse<String>> done, int tries, String outcome, HttpResponse<String> response) {
        attempts.add(new Attempt(System.currentTimeMillis(), outcome));
        count(stream, "retry-" + outcome);
        if (System.nanoTime() > graceEndNanos) {
            open.decrementAndGet();
            done.accept(response);
            return;
        }
        // Exponential back-off with full jitter (1, 2, 4 … 16 s caps), as a well-behaved ERP or carrier retries.
        long cap = Math.min(16_000, 1_000L << Math.min(tries, 4));
        long delay = 250 + java.util.concurrent.ThreadLocalRandom.current().nextLong(cap);
        timer.schedule(() -> attempt(stream, request, alsoRetry, attempts, done, tries + 1), delay, TimeUnit.MILLISECONDS);
    }

    private void count(String stream, String outcome) {
        long second = (System.currentTimeMillis() - startMs) / 1000;
        timeline.computeIfAbsent(second + "\t" + stream + "\t" + outcome, k -> new LongAdder()).increment();
    }

    private static String failureName(Throwable failure) {
        Throwable t = failure;
        while (t != null && t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t.getClass() == IOException.class && t.getCause() instanceof IOException)) {
            t = t.getCause();
        }
        return t == null ? "unknown" : "io-" + t.getClass().getSimpleName();
    }

    // ------------------------------------------------------------------ shipments

    static final class Shipment {
        final String key;
        final boolean koiki;
        final long scheduledMs;
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        /** Every id an answer named (201 or a replay's 200): one expected. */
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        volatile String finalOutcome = "";
        volatile String shipmentId = "";
        volatile boolean returned;

        Shipment(String key, boolean koiki, long scheduledMs) {
            this.key = key;
            this.koiki = koiki;
            this.scheduledMs = scheduledMs;
        }
    }

    private void shipment(String template, long n, boolean koiki) {
        String key = prefix + (koiki ? "-k-" : "-s-") + n;
        Shipment s = new Shipment(key, koiki, System.currentTimeMillis());
        shipments.add(s);
        String body = template.replace("__REFERENCE__", key).replace("__CARRIER__", koiki ? "koiki" : "sandbox");
        Tokens tokens = koiki ? globex : acme;
        URI uri = URI.create(gateway + "/api/v1/shipments");
        send(koiki ? "koiki" : "shipments", () -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + tokens.get())
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                status -> false, s.attempts, response -> {
                    s.finalOutcome = response == null ? "none" : String.valueOf(response.statusCode());
                    String id = response == null ? null : id(response, "id");
                    if (id != null && (response.statusCode() == 201 || response.statusCode() == 200)) {
                        s.ids.add(id);
                        s.shipmentId = id;
                        byShipmentId.put(id, s);
                    }
                });
    }

    private static String id(HttpResponse<String> response, String field) {
        try {
            JsonNode node = ContractsJson.mapper().readTree(response.body());
            return node.path(field).isTextual() ? node.path(field).asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ webhooks

    static final class WebhookEvent {
        final String number;
        final String code;
        final String occurredAt;
        final String body;
        final List<List<Attempt>> deliveries = new ArrayList<>();

        WebhookEvent(String number, String code, String occurredAt, String body) {
            this.number = number;
            this.code = code;
            this.occurredAt = occurredAt;
            this.body = body;
            for (int i = 0; i < DELIVERY_OFFSETS_MS.length; i++) {
                deliveries.add(new CopyOnWriteArrayList<>());
            }
        }
    }

    private void webhookEvent(long n) {
        long now = System.currentTimeMillis();
        // Numbers labelled at least 3 s ago, so tracking-service has (very likely) registered them.
        List<String> ready = numbers.stream().filter(t -> now - labelledAt.getOrDefault(t, now) >= 3_000).toList();
        if (ready.isEmpty()) {
            return;
        }
        String number = ready.get((int) (n % ready.size()));
        String code = WEBHOOK_CODES.get((int) ((n / ready.size()) % WEBHOOK_CODES.size()));
        // Unique times: the timeline de-duplicates by code and time, so two events must never share both.
        long ms = lastOccurredMs.updateAndGet(last -> Math.max(last + 1, now));
        String occurredAt = Instant.ofEpochMilli(ms).atOffset(ZoneOffset.UTC).toString();
        String body = "{\"trackingNumber\":\"" + number + "\",\"code\":\"" + code + "\",\"description\":\"faults " + code
                + "\",\"location\":\"Barcelona\",\"occurredAt\":\"" + occurredAt + "\"}";
        WebhookEvent event = new WebhookEvent(number, code, occurredAt, body);
        webhooks.add(event);
        for (int i = 0; i < DELIVERY_OFFSETS_MS.length; i++) {
            List<Attempt> attempts = event.deliveries.get(i);
            open.incrementAndGet(); // held until the delivery is sent, so a stop does not lose scheduled ones
            timer.schedule(() -> {
                open.decrementAndGet();
                send("webhooks", () -> signed(body), status -> false, attempts, response -> {
                });
            }, DELIVERY_OFFSETS_MS[i], TimeUnit.MILLISECONDS);
        }
    }

    /** A carrier's delivery: signed when sent, so a retry minutes later still passes the 5-minute window. */
    private HttpRequest signed(String body) {
        String t = String.valueOf(System.currentTimeMillis() / 1000);
        String signature;
        synchronized (mac) {
            signature = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpRequest.newBuilder(URI.create(gateway + "/webhooks/sandbox")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("Waybill-Signature", "t=" + t + ",v1=" + signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    // ------------------------------------------------------------------ returns

    static final class ReturnCase {
        final Shipment shipment;
        final String key;
        final List<Attempt> create = new CopyOnWriteArrayList<>();
        final List<Attempt> inspect = new CopyOnWriteArrayList<>();
        volatile String returnId = "";
        volatile String createOutcome = "";
        volatile String inspectOutcome = "";

        ReturnCase(Shipment shipment, String key) {
            this.shipment = shipment;
            this.key = key;
        }
    }

    private void returnCase() {
        long now = System.currentTimeMillis();
        Shipment s = returnable.peek();
        // Labelled 5 s ago or more: returns-service has recorded its ShipmentValidated by then, as a rule.
        if (s == null || now - labelledAt.getOrDefault(s.shipmentId, now) < 5_000 || !returnable.remove(s)) {
            return;
        }
        ReturnCase rc = new ReturnCase(s, prefix + "-r-" + returns.size());
        returns.add(rc);
        String body = "{\"shipmentId\":\"" + s.shipmentId + "\",\"reason\":\"faults suite\",\"items\":[{\"sku\":\"" + SKU_1
                + "\",\"quantity\":2},{\"sku\":\"" + SKU_2 + "\",\"quantity\":1}]}";
        URI uri = URI.create(gateway + "/api/v1/returns");
        // 404: returns-service has not seen the shipment validated yet (its consumer may be the one restarting).
        send("returns", () -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + acme.get()).header("Content-Type", "application/json")
                        .header("Idempotency-Key", rc.key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                status -> status == 404, rc.create, response -> {
                    rc.createOutcome = response == null ? "none" : String.valueOf(response.statusCode());
                    String id = response == null ? null : id(response, "id");
                    if (id != null && (response.statusCode() == 201 || response.statusCode() == 200)) {
                        rc.returnId = id;
                        inspect(rc);
                    }
                });
    }

    private void inspect(ReturnCase rc) {
        String body = "{\"items\":[{\"sku\":\"" + SKU_1 + "\",\"outcome\":\"RESTOCK\",\"quantity\":2},{\"sku\":\"" + SKU_2
                + "\",\"outcome\":\"RESTOCK\",\"quantity\":1}]}";
        URI uri = URI.create(gateway + "/api/v1/returns/" + rc.returnId + "/inspection");
        send("returns", () -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + acme.get()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                status -> false, rc.inspect, response -> rc.inspectOutcome = response == null ? "none"
                        : String.valueOf(response.statusCode()));
    }

    // ------------------------------------------------------------------ poison

    private void poison() {
        List<String> lines = new ArrayList<>();
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (String topic : List.of(Topics.SHIPMENT_VALIDATED, Topics.LABEL_GENERATED)) {
                String key = prefix + "-poison-" + topic.substring("waybill.".length());
                // No CloudEvent headers and a value that is no JSON: every consumer must park it, none may stall on it.
                RecordMetadata m = producer.send(new ProducerRecord<>(topic, key,
                        ("{\"shipmentId\": \"" + key + "\", not json").getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
                lines.add("kafka\t" + topic + "\t" + m.partition() + "\t" + m.offset() + "\t" + key);
            }
        } catch (Exception e) {
            lines.add("kafka-failed\t" + e);
        }
        // A signed webhook whose body the sandbox plug-in cannot read: 400, stored MALFORMED with its raw body.
        String body = "{\"trackingNumber\":\"" + prefix + "-poison\",\"code\":";
        try {
            HttpResponse<String> r = http.send(signed(body), HttpResponse.BodyHandlers.ofString());
            lines.add("webhook\t/webhooks/sandbox\t" + r.statusCode() + "\t-\t" + body);
        } catch (Exception e) {
            lines.add("webhook-failed\t" + e);
        }
        try {
            Files.write(out.resolve("poison.tsv"), lines);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.err.println("[faults] poison sent: " + lines);
    }

    // ------------------------------------------------------------------ Kafka: labels read, offsets, lag

    /** Reads LabelGenerated from the run's start: tracking numbers for webhooks, shipments that can be returned. */
    final class LabelWatch implements AutoCloseable {
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final Thread reader;

        LabelWatch(Map<TopicPartition, Long> start) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(LabelLatencyBench.consumerProps(bootstrap));
            List<TopicPartition> partitions = start.keySet().stream().filter(tp -> tp.topic().equals(Topics.LABEL_GENERATED)).toList();
            consumer.assign(partitions);
            partitions.forEach(tp -> consumer.seek(tp, start.get(tp)));
            reader = LabelLatencyBench.pollUntilStopped("faults-labels", consumer, reading, this::read);
        }

        private void read(ConsumerRecord<String, byte[]> r) {
            Shipment s = r.key() == null ? null : byShipmentId.get(r.key());
            if (s == null) {
                return; // not ours, or its 201 not read yet: it then gets no webhooks or return, nothing else
            }
            try {
                JsonNode data = ContractsJson.mapper().readTree(r.value());
                if (data.path("returnId").isTextual() || s.koiki || labelledAt.containsKey(s.shipmentId)) {
                    return;
                }
                String number = data.path("trackingNumber").asText();
                labelledAt.put(s.shipmentId, System.currentTimeMillis());
                labelledAt.put(number, System.currentTimeMillis());
                numbers.add(number);
                // The sandbox plays a return to sender for serials ending in 9 (SandboxAdapter.scenario): its polling
                // opens the carrier's return of all units, so an API return of them would rightly be refused.
                if (!(number.matches("SB\\d{9}WB") && number.charAt(9) == '9')) {
                    returnable.add(s);
                }
            } catch (IOException | RuntimeException e) {
                // the poisoned record, or another unreadable one: not a label of ours
            }
        }

        @Override
        public void close() throws InterruptedException {
            reading.set(false);
            reader.join();
        }
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> specs.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Consumer groups with members now. */
    static Set<String> activeGroups(Admin admin) throws Exception {
        List<String> ids = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).toList();
        Set<String> active = new java.util.TreeSet<>();
        admin.describeConsumerGroups(ids).all().get().forEach((id, d) -> {
            if (!d.members().isEmpty()) {
                active.add(id);
            }
        });
        return active;
    }

    /**
     * Lag per group (sum over its committed partitions of end − committed) for the groups active at the start and
     * any active now; a group that has lost all its members reports -1.
     */
    static Map<String, Long> lags(Admin admin, Set<String> expected) throws Exception {
        Set<String> groups = new java.util.TreeSet<>(expected);
        groups.addAll(activeGroups(admin));
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
        Map<String, Long> lags = new TreeMap<>();
        for (String g : groups) {
            ConsumerGroupDescription d = described.get(g);
            if (d == null || d.members().isEmpty() || d.groupState() == GroupState.DEAD) {
                lags.put(g, -1L);
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            committed.keySet().forEach(tp -> specs.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                if (e.getValue() != null) {
                    lag += Math.max(0, ends.getOrDefault(e.getKey(), 0L) - e.getValue().offset());
                }
            }
            lags.put(g, lag);
        }
        return lags;
    }

    // ------------------------------------------------------------------ output

    private void write() throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("shipments.tsv")))) {
            w.println("key\tcarrier\tscheduled_ms\tfinal\tshipment_id\tids\tattempts");
            for (Shipment s : shipments) {
                w.println(String.join("\t", s.key, s.koiki ? "koiki" : "sandbox", String.valueOf(s.scheduledMs), s.finalOutcome,
                        s.shipmentId, String.valueOf(s.ids.size()), attempts(s.attempts)));
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("webhooks.tsv")))) {
            w.println("tracking_number\tcode\toccurred_at\tdelivery_1\tdelivery_2\tdelivery_3");
            for (WebhookEvent e : webhooks) {
                List<String> cols = new ArrayList<>(List.of(e.number, e.code, e.occurredAt));
                e.deliveries.forEach(d -> cols.add(attempts(d)));
                w.println(String.join("\t", cols));
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("returns.tsv")))) {
            w.println("key\tshipment_id\treturn_id\tcreate\tinspection\tcreate_attempts\tinspection_attempts");
            for (ReturnCase r : returns) {
                w.println(String.join("\t", r.key, r.shipment.shipmentId, r.returnId, r.createOutcome, r.inspectOutcome,
                        attempts(r.create), attempts(r.inspect)));
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("timeline.tsv")))) {
            w.println("second\tstream\toutcome\tcount");
            new TreeMap<>(timeline).forEach((k, v) -> w.println(k + "\t" + v.sum()));
        }
    }

    private String attempts(List<Attempt> attempts) {
        StringBuilder b = new StringBuilder();
        for (Attempt a : attempts) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(a.outcome()).append('@').append((a.atMs() - startMs) / 1000);
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ tokens

    /** Client-credentials tokens from Keycloak, renewed after 4 minutes (they live 15). */
    static final class Tokens {
        private final HttpClient http;
        private final URI endpoint;
        private final String basic;
        private volatile String token;
        private volatile long fetchedAt;

        Tokens(HttpClient http, String realmUrl, String clientId, String secret) {
            this.http = http;
            this.endpoint = URI.create(realmUrl + "/protocol/openid-connect/token");
            this.basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        }

        String get() {
            if (token == null || System.currentTimeMillis() - fetchedAt > 240_000) {
                synchronized (this) {
                    if (token == null || System.currentTimeMillis() - fetchedAt > 240_000) {
                        fetch();
                    }
                }
            }
            return token;
        }

        private void fetch() {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("token request answered " + r.statusCode());
                }
                token = ContractsJson.mapper().readTree(r.body()).path("access_token").asText();
                fetchedAt = System.currentTimeMillis();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
