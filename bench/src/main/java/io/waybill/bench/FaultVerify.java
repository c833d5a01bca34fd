package io.waybill.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The checks of bench/faults.sh, after {@link FaultLoad}: reads the run's records from Kafka (from the offsets the
 * load started at), the label-service and tracking-service databases and Koiki's WireMock request journal, waits
 * (at most {@code --settle} s, or {@code --stall} s without progress, default 60) for the pipeline to finish what
 * was accepted, then writes {@code summary.md} with one PASS/FAIL row per check and answers 1 if any failed.
 */
final class FaultVerify {

    /**
     * What a Koiki purchase may end in when its answer was lost (ADR 0050: Koiki takes no idempotency key): a timeout,
     * a reset connection, or label-service killed between the call and recording its outcome.
     */
    private static final Set<String> KOIKI_LOST_ANSWER = Set.of("KOIKI_TIMEOUT", "KOIKI_UNAVAILABLE", "LABEL_PURCHASE_UNCONFIRMED");
    private static final Map<String, Integer> RETURNED = new TreeMap<>(Map.of("SKU-1", 2, "SKU-2", 1));

    record Row(String check, String expected, String found, boolean pass) {
    }

    private final Path out;
    private final String bootstrap;
    private final String pgHost;
    private final String pgPort;
    private final String wiremock;
    private final Properties load = new Properties();

    // From the load's files.
    private final Map<String, String[]> shipments = new LinkedHashMap<>(); // key -> columns
    private final Map<String, String> carrierOf = new HashMap<>(); // shipmentId -> carrier
    private final List<String[]> webhooks = new ArrayList<>();
    private final List<String[]> returns = new ArrayList<>();
    private final List<String[]> poison = new ArrayList<>();

    // From Kafka.
    private final Map<String, Set<String>> validated = new HashMap<>(); // shipmentId -> ce ids
    private final Map<String, Integer> validatedCopies = new HashMap<>();
    private final Map<String, Map<String, String>> generated = new HashMap<>(); // shipmentId -> ce id -> tracking number
    private final Map<String, Integer> generatedCopies = new HashMap<>();
    private final Map<String, Map<String, String>> failed = new HashMap<>(); // shipmentId -> ce id -> reason code
    private final Map<String, Map<String, JsonNode>> adjusted = new HashMap<>(); // returnId -> adjustmentId -> event
    private final Map<String, Integer> adjustedCopies = new HashMap<>();
    private final List<String> dlq = new ArrayList<>(); // "topic key dead-letter-topic dead-letter-offset reason"
    private final Map<String, Integer> dlqByKey = new TreeMap<>();

    private FaultVerify(Map<String, String> o) throws IOException {
        out = Path.of(o.get("out"));
        bootstrap = o.getOrDefault("bootstrap", "127.0.0.1:9092");
        pgHost = o.getOrDefault("pg-host", "127.0.0.1");
        pgPort = o.getOrDefault("pg-port", "5432");
        wiremock = o.get("wiremock");
        try (InputStream in = Files.newInputStream(out.resolve("load.properties"))) {
            load.load(in);
        }
        for (String[] s : tsv("shipments.tsv")) {
            shipments.put(s[0], s);
            if (!s[4].isEmpty()) {
                carrierOf.put(s[4], s[1]);
            }
        }
        webhooks.addAll(tsv("webhooks.tsv"));
        returns.addAll(tsv("returns.tsv"));
        if (Files.exists(out.resolve("poison.tsv"))) {
            for (String line : Files.readAllLines(out.resolve("poison.tsv"))) {
                poison.add(line.split("\t", -1));
            }
        }
    }

    static int run(List<String> args) throws Exception {
        Map<String, String> o = IntakeBench.options(args, new LinkedHashMap<>());
        if (!o.containsKey("out")) {
            throw new IllegalArgumentException("--out is required");
        }
        FaultVerify v = new FaultVerify(o);
        List<Row> rows = v.verify(Integer.parseInt(o.getOrDefault("settle", "180")),
                Integer.parseInt(o.getOrDefault("stall", "60")));
        String md = v.summary(rows);
        Files.writeString(v.out.resolve("summary.md"), md);
        System.out.print(md);
        return rows.stream().allMatch(Row::pass) ? 0 : 1;
    }

    private List<String[]> tsv(String name) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve(name));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    private List<Row> verify(int settleSeconds, int stallSeconds) throws Exception {
        Map<TopicPartition, Long> start = new HashMap<>();
        Properties offsets = new Properties();
        try (InputStream in = Files.newInputStream(out.resolve("offsets-start.properties"))) {
            offsets.load(in);
        }
        offsets.forEach((k, v) -> {
            String tp = (String) k;
            int colon = tp.lastIndexOf(':');
            start.put(new TopicPartition(tp.substring(0, colon), Integer.parseInt(tp.substring(colon + 1))), Long.parseLong((String) v));
        });
        Set<String> accepted = new HashSet<>(carrierOf.keySet());
        Set<String> sandbox = accepted.stream().filter(id -> "sandbox".equals(carrierOf.get(id)))
                .collect(java.util.stream.Collectors.toSet());
        Set<String> koiki = accepted.stream().filter(id -> "koiki".equals(carrierOf.get(id)))
                .collect(java.util.stream.Collectors.toSet());
        List<String[]> inspected = returns.stream().filter(r -> "200".equals(r[4])).toList();

        Map<String, Integer> timeline;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(LabelLatencyBench.consumerProps(bootstrap))) {
            List<String> topics = new ArrayList<>(List.of(Topics.SHIPMENT_VALIDATED, Topics.LABEL_GENERATED, Topics.LABEL_FAILED,
                    Topics.STOCK_ADJUSTED));
            admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlq")).sorted().forEach(topics::add);
            Map<TopicPartition, Long> ends = FaultLoad.endOffsets(admin, topics);
            consumer.assign(ends.keySet());
            ends.keySet().forEach(tp -> consumer.seek(tp, start.getOrDefault(tp, 0L)));

            // Wait until what was accepted has gone through, or nothing moves for stallSeconds, or the settle time ends.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
            long lastProgress = System.nanoTime();
            int lastPending = Integer.MAX_VALUE;
            long begin = System.nanoTime();
            while (true) {
                drain(consumer, FaultLoad.endOffsets(admin, topics));
                timeline = timelineEntries();
                Map<String, Integer> seen = timeline;
                int pending = (int) sandbox.stream().filter(id -> !generated.containsKey(id)).count()
                        + (int) koiki.stream().filter(id -> !generated.containsKey(id) && !failed.containsKey(id)).count()
                        + (int) inspected.stream().filter(r -> adjusted.getOrDefault(r[2], Map.of()).size() < RETURNED.size()).count()
                        + (int) acceptedWebhooks().stream().filter(w -> !seen.containsKey(eventKey(w))).count();
                if (pending < lastPending) {
                    lastPending = pending;
                    lastProgress = System.nanoTime();
                }
                if (pending == 0 || System.nanoTime() > deadline || System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                    System.err.printf("[faults] verify: %d outcomes pending after %.0f s of waiting%n", pending,
                            (System.nanoTime() - begin) / 1e9);
                    break;
                }
                TimeUnit.SECONDS.sleep(3);
            }
            drain(consumer, FaultLoad.endOffsets(admin, topics));
        }

        List<Row> rows = new ArrayList<>();
        // ---- intake
        int keys = shipments.size();
        long unanswered = shipments.values().stream().filter(s -> s[4].isEmpty()).count();
        long replays = shipments.values().stream().filter(s -> "200".equals(s[3])).count();
        long multiId = shipments.values().stream().filter(s -> Integer.parseInt(s[5]) > 1).count();
        rows.add(new Row("every shipment request accepted in the end (201, or 200 on a retry)", keys + " of " + keys,
                (keys - unanswered) + " (" + replays + " as 200 replays; unanswered: " + sample(shipments.values().stream()
                        .filter(s -> s[4].isEmpty()).map(s -> s[0] + " " + s[3]).toList()) + ")", unanswered == 0));
        rows.add(new Row("one shipment per Idempotency-Key", "0 keys with 2+ ids", String.valueOf(multiId), multiId == 0));
        long validatedWrong = accepted.stream().filter(id -> validated.getOrDefault(id, Set.of()).size() != 1).count();
        rows.add(new Row("one ShipmentValidated per accepted shipment", accepted.size() + " × 1",
                (accepted.size() - validatedWrong) + " ok, " + validatedWrong + " not " + sample(accepted.stream()
                        .filter(id -> validated.getOrDefault(id, Set.of()).size() != 1)
                        .map(id -> id + "=" + validated.getOrDefault(id, Set.of()).size()).toList())
                        + copies(validatedCopies), validatedWrong == 0));

        // ---- sandbox labels: Kafka and label-service's database
        Map<String, int[]> labelDb = labelDatabase(accepted);
        List<String> labelBad = new ArrayList<>();
        for (String id : sandbox) {
            Map<String, String> g = generated.getOrDefault(id, Map.of());
            int[] db = labelDb.getOrDefault(id, new int[3]);
            if (g.size() != 1 || new HashSet<>(g.values()).size() != 1 || failed.containsKey(id) || db[0] != 1 || db[2] < 1) {
                labelBad.add(id + " LabelGenerated=" + g.size() + " LabelFailed=" + failed.getOrDefault(id, Map.of()).size()
                        + " LabelPurchased=" + db[0] + " documents=" + db[2]);
            }
        }
        rows.add(new Row("sandbox: exactly one label per accepted shipment (one LabelGenerated on Kafka, one LabelPurchased "
                + "and its document in label-service's database, no LabelFailed)", sandbox.size() + " × 1",
                (sandbox.size() - labelBad.size()) + " ok, " + labelBad.size() + " not " + sample(labelBad) + copies(generatedCopies),
                labelBad.isEmpty()));

        // ---- Koiki: one outcome each; a lost answer is reported, never bought twice
        List<String> koikiBad = new ArrayList<>();
        Map<String, Integer> koikiOutcomes = new TreeMap<>();
        for (String id : koiki) {
            Map<String, String> g = generated.getOrDefault(id, Map.of());
            Map<String, String> f = failed.getOrDefault(id, Map.of());
            int[] db = labelDb.getOrDefault(id, new int[3]);
            boolean labelled = g.size() == 1 && f.isEmpty() && db[0] == 1;
            boolean lost = g.isEmpty() && f.size() == 1 && KOIKI_LOST_ANSWER.contains(f.values().iterator().next()) && db[0] == 0;
            koikiOutcomes.merge(labelled ? "labelled" : lost ? f.values().iterator().next() : "other", 1, Integer::sum);
            if (!labelled && !lost) {
                koikiBad.add(id + " LabelGenerated=" + g.size() + " LabelFailed=" + f.values() + " LabelPurchased=" + db[0]);
            }
        }
        rows.add(new Row("Koiki: one outcome per accepted shipment (a label, or LabelFailed KOIKI_TIMEOUT/KOIKI_UNAVAILABLE/"
                + "LABEL_PURCHASE_UNCONFIRMED when the answer was lost)", koiki.size() + " × 1", koikiOutcomes + " " + sample(koikiBad), koikiBad.isEmpty()));
        Map<String, Integer> bookings = koikiBookings();
        long twice = bookings.values().stream().filter(n -> n > 1).count();
        rows.add(new Row("Koiki: no shipment booked twice (WireMock answered a booking at most once per order reference)",
                "0", twice + " " + sample(bookings.entrySet().stream().filter(e -> e.getValue() > 1)
                        .map(e -> e.getKey() + "×" + e.getValue()).toList()) + "; " + bookings.size() + " references booked",
                twice == 0 && Files.exists(out.resolve("wiremock-journal.json"))));

        // ---- webhooks and timelines
        List<String[]> acceptedEvents = acceptedWebhooks();
        long deliveries = webhooks.size() * 3L;
        long delivered202 = webhooks.stream().mapToLong(w -> {
            long n = 0;
            for (int i = 3; i < 6; i++) {
                n += w[i].contains("202@") ? 1 : 0;
            }
            return n;
        }).sum();
        rows.add(new Row("every unique carrier event accepted (≥ 1 of its 3 deliveries answered 202)", webhooks.size() + " events",
                acceptedEvents.size() + " (" + delivered202 + " of " + deliveries + " deliveries 202)",
                acceptedEvents.size() == webhooks.size() && !webhooks.isEmpty()));
        List<String> missing = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (String[] w : acceptedEvents) {
            int n = timeline.getOrDefault(eventKey(w), 0);
            if (n == 0) {
                missing.add(eventKey(w));
            } else if (n > 1) {
                doubled.add(eventKey(w) + "×" + n);
            }
        }
        rows.add(new Row("each accepted carrier event in exactly one timeline entry (tracking-service)", acceptedEvents.size() + " × 1",
                (acceptedEvents.size() - missing.size() - doubled.size()) + " ok, missing " + missing.size() + " " + sample(missing)
                        + ", more than once " + doubled.size() + " " + sample(doubled), missing.isEmpty() && doubled.isEmpty()));

        // ---- returns and stock
        long unfinished = returns.stream().filter(r -> !"200".equals(r[4])).count();
        rows.add(new Row("every return registered and inspected", returns.size() + " returns",
                inspected.size() + " inspected " + sample(returns.stream().filter(r -> !"200".equals(r[4]))
                        .map(r -> r[0] + " create=" + r[3] + " inspection=" + r[4]).toList()), unfinished == 0 && !returns.isEmpty()));
        List<String> stockBad = new ArrayList<>();
        for (String[] r : inspected) {
            Map<String, List<JsonNode>> bySku = new TreeMap<>();
            adjusted.getOrDefault(r[2], Map.of()).values().forEach(e -> bySku.computeIfAbsent(e.path("sku").asText(), k -> new ArrayList<>()).add(e));
            boolean ok = bySku.keySet().equals(RETURNED.keySet());
            for (Map.Entry<String, Integer> sku : RETURNED.entrySet()) {
                List<JsonNode> events = bySku.getOrDefault(sku.getKey(), List.of());
                ok &= events.size() == 1 && events.get(0).path("quantityDelta").asInt() == sku.getValue();
            }
            if (!ok) {
                stockBad.add(r[2] + " " + bySku.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList());
            }
        }
        rows.add(new Row("one StockAdjusted per return and SKU (distinct adjustmentId, quantity as restocked)",
                inspected.size() + " × " + RETURNED.size(), (inspected.size() - stockBad.size()) + " ok, " + stockBad.size() + " not "
                        + sample(stockBad) + copies(adjustedCopies), stockBad.isEmpty()));

        // ---- dead letters
        Set<String> poisonKeys = new HashSet<>();
        poison.stream().filter(p -> p[0].equals("kafka")).forEach(p -> poisonKeys.add(p[4]));
        List<String> foreign = dlq.stream().filter(d -> poisonKeys.stream().noneMatch(k -> d.contains(" " + k + " "))).toList();
        Set<String> parked = new HashSet<>(dlqByKey.keySet());
        rows.add(new Row("dead-letter topics (*.dlq) hold only the poisoned records, and each of them",
                poisonKeys.size() + " poisoned records, nothing else", dlq.size() + " DLQ records " + dlqByKey + "; others: "
                        + foreign.size() + " " + sample(foreign),
                foreign.isEmpty() && !poisonKeys.isEmpty() && parked.containsAll(poisonKeys)));
        Map<String, Integer> webhookStates = webhookStates();
        String poisonBody = poison.stream().filter(p -> p[0].equals("webhook")).map(p -> p[2]).findFirst().orElse("?");
        rows.add(new Row("tracking-service webhooks: the unparseable one MALFORMED (400), none DEAD or left unprocessed",
                "MALFORMED(poison)=1, 400, DEAD=0, RECEIVED=0", webhookStates + ", answered " + poisonBody,
                webhookStates.getOrDefault("MALFORMED-poison", 0) == 1 && webhookStates.getOrDefault("MALFORMED-other", 0) == 0
                        && webhookStates.getOrDefault("DEAD", 0) == 0 && webhookStates.getOrDefault("RECEIVED", 0) == 0
                        && "400".equals(poisonBody)));

        // ---- consumer lag
        String zero = load.getProperty("lag.zero.afterSeconds", "-1");
        List<String> groups = load.stringPropertyNames().stream().filter(k -> k.startsWith("lag.group.")).sorted()
                .map(k -> k.substring("lag.group.".length()) + "=" + load.getProperty(k)).toList();
        rows.add(new Row("consumer lag of every consumer group back to 0 after the last fault",
                "≤ " + load.getProperty("lag.window.seconds", "60") + " s", (zero.equals("-1") ? "not within the window" : zero + " s")
                        + " (" + groups.size() + " groups" + (zero.equals("-1") ? ": " + groups : "") + ")", !zero.equals("-1")));
        return rows;
    }

    private static String eventKey(String[] w) {
        return w[0] + "|" + w[1] + "|" + OffsetDateTime.parse(w[2]).toInstant();
    }

    private List<String[]> acceptedWebhooks() {
        return webhooks.stream().filter(w -> w[3].contains("202@") || w[4].contains("202@") || w[5].contains("202@")).toList();
    }

    private static String sample(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        return "[" + String.join("; ", items.subList(0, Math.min(5, items.size()))) + (items.size() > 5 ? "; …" : "") + "]";
    }

    private static String copies(Map<String, Integer> copies) {
        int extra = copies.values().stream().mapToInt(Integer::intValue).sum();
        return extra == 0 ? "" : " (plus " + extra + " re-delivered copies of " + copies.size() + " events, same CloudEvent id)";
    }

    // ------------------------------------------------------------------ Kafka

    private void drain(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                read(r);
            }
        }
    }

    private void read(ConsumerRecord<String, byte[]> r) {
        if (r.topic().endsWith(".dlq")) {
            String key = r.key() == null ? "" : r.key();
            boolean ours = poison.stream().anyMatch(p -> p[0].equals("kafka") && p[4].equals(key));
            // Records of other runs' poison are not this run's business; anything else is.
            if (!ours && key.contains("-poison-")) {
                return;
            }
            dlq.add(r.topic() + " " + key + " " + header(r, "dead-letter-topic") + ":" + header(r, "dead-letter-offset") + " "
                    + abbreviate(header(r, "dead-letter-reason")));
            dlqByKey.merge(r.topic() + "←" + key, 1, Integer::sum);
            if (ours) {
                dlqByKey.remove(r.topic() + "←" + key);
                dlqByKey.merge(key, 1, Integer::sum);
            }
            return;
        }
        String ceId = header(r, "ce_id");
        JsonNode data;
        try {
            data = ContractsJson.mapper().readTree(r.value());
        } catch (IOException | RuntimeException e) {
            return;
        }
        String shipmentId = data.path("shipmentId").asText("");
        switch (r.topic()) {
            case Topics.SHIPMENT_VALIDATED -> {
                if (carrierOf.containsKey(shipmentId) && !validated.computeIfAbsent(shipmentId, k -> new HashSet<>()).add(ceId)) {
                    validatedCopies.merge(shipmentId, 1, Integer::sum);
                }
            }
            case Topics.LABEL_GENERATED -> {
                if (carrierOf.containsKey(shipmentId) && !data.path("returnId").isTextual()
                        && generated.computeIfAbsent(shipmentId, k -> new HashMap<>()).put(ceId, data.path("trackingNumber").asText()) != null) {
                    generatedCopies.merge(shipmentId, 1, Integer::sum);
                }
            }
            case Topics.LABEL_FAILED -> {
                if (carrierOf.containsKey(shipmentId) && !data.path("returnId").isTextual()) {
                    failed.computeIfAbsent(shipmentId, k -> new HashMap<>()).put(ceId, data.path("reasonCode").asText());
                }
            }
            case Topics.STOCK_ADJUSTED -> {
                String returnId = data.path("returnId").asText("");
                if (returns.stream().anyMatch(x -> x[2].equals(returnId))
                        && adjusted.computeIfAbsent(returnId, k -> new HashMap<>()).put(data.path("adjustmentId").asText(), data) != null) {
                    adjustedCopies.merge(returnId, 1, Integer::sum);
                }
            }
            default -> {
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    // ------------------------------------------------------------------ databases

    private Connection db(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + name, name, name);
    }

    /** shipmentId -> {LabelPurchased events, failure events, label documents (parcel 0)}. */
    private Map<String, int[]> labelDatabase(Set<String> ids) throws SQLException {
        Map<String, int[]> result = new HashMap<>();
        try (Connection c = db("waybill_label")) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT substring(stream_id from 7), count(*) FILTER (WHERE event_type = 'LabelPurchased'),
                           count(*) FILTER (WHERE event_type IN ('LabelPurchaseFailed', 'LabelPurchaseUnconfirmed'))
                    FROM es_events WHERE stream_id = ANY (?) GROUP BY stream_id""")) {
                s.setArray(1, c.createArrayOf("text", ids.stream().map(id -> "label-" + id).toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        int[] v = result.computeIfAbsent(rs.getString(1), k -> new int[3]);
                        v[0] = rs.getInt(2);
                        v[1] = rs.getInt(3);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT shipment_id, count(*) FROM label_documents WHERE shipment_id = ANY (?) AND parcel_number = 0
                    GROUP BY shipment_id""")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString(1), k -> new int[3])[2] = rs.getInt(2);
                    }
                }
            }
        }
        return result;
    }

    /** "number|code|instant" -> timeline entries (CarrierEventRecorded) of the webhooks' tracking numbers. */
    private Map<String, Integer> timelineEntries() throws SQLException {
        Map<String, Integer> entries = new HashMap<>();
        Set<String> streams = new HashSet<>();
        webhooks.forEach(w -> streams.add("tracking-sandbox-" + w[0]));
        try (Connection c = db("waybill_tracking");
             PreparedStatement s = c.prepareStatement("""
                     SELECT data->>'trackingNumber', data->>'carrierCode', data->>'occurredAt'
                     FROM es_events WHERE stream_id = ANY (?) AND event_type = 'CarrierEventRecorded'""")) {
            s.setArray(1, c.createArrayOf("text", streams.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String at;
                    try {
                        at = OffsetDateTime.parse(rs.getString(3)).toInstant().toString();
                    } catch (RuntimeException e) {
                        at = rs.getString(3);
                    }
                    entries.merge(rs.getString(1) + "|" + rs.getString(2) + "|" + at, 1, Integer::sum);
                }
            }
        }
        return entries;
    }

    /** Stored webhooks of the run by state; MALFORMED split into the poisoned one and others. */
    private Map<String, Integer> webhookStates() throws SQLException {
        Map<String, Integer> states = new TreeMap<>();
        String prefix = load.getProperty("keyPrefix");
        try (Connection c = db("waybill_tracking");
             PreparedStatement s = c.prepareStatement("""
                     SELECT state, raw_body LIKE ? AS poison, count(*) FROM inbound_webhooks
                     WHERE received_at >= ? AND state IN ('MALFORMED', 'DEAD', 'RECEIVED') GROUP BY 1, 2""")) {
            s.setString(1, "%" + prefix + "-poison%");
            s.setTimestamp(2, Timestamp.from(Instant.ofEpochMilli(Long.parseLong(load.getProperty("startedAt")))));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(1);
                    String key = state.equals("MALFORMED") ? state + (rs.getBoolean(2) ? "-poison" : "-other") : state;
                    states.merge(key, rs.getInt(3), Integer::sum);
                }
            }
        }
        return states;
    }

    /** Order reference -> booking answers WireMock gave for it (status 200 from the booking stub). */
    private Map<String, Integer> koikiBookings() throws IOException {
        Map<String, Integer> bookings = new TreeMap<>();
        Path journal = out.resolve("wiremock-journal.json");
        if (wiremock != null) {
            try {
                java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(wiremock + "/__admin/requests")).build(), java.net.http.HttpResponse.BodyHandlers.ofFile(journal));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        if (!Files.exists(journal)) {
            return bookings;
        }
        JsonNode root = ContractsJson.mapper().readTree(journal.toFile());
        for (JsonNode request : root.path("requests")) {
            String body = request.path("request").path("body").asText("");
            int status = request.path("response").path("status").asInt();
            try {
                JsonNode envios = ContractsJson.mapper().readTree(body).path("envios");
                // A booking answer went out (in time or, under the delay fault, too late for label-service).
                if (status == 200 && envios.size() > 0 && request.path("response").path("body").asText("").contains("codBarras")) {
                    bookings.merge(envios.path(0).path("numPedido").asText(), 1, Integer::sum);
                }
            } catch (IOException | RuntimeException e) {
                // not a booking
            }
        }
        return bookings;
    }

    // ------------------------------------------------------------------ summary

    private String summary(List<Row> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        long started = Long.parseLong(load.getProperty("startedAt"));
        long stopped = Long.parseLong(load.getProperty("stoppedAt"));
        b.append("# Fault suite, ").append(Instant.ofEpochMilli(started).toString(), 0, 16).append(" UTC\n\n");
        Path meta = out.resolve("meta.txt");
        if (Files.exists(meta)) {
            for (String line : Files.readAllLines(meta)) {
                b.append("- ").append(line).append('\n');
            }
        }
        b.append(String.format(Locale.ROOT, "- Load (%s): %s sandbox shipments/s (acme), %s Koiki shipments/s (globex), "
                        + "%s carrier events/s each delivered 3 times, %s returns/s, for %.0f s; %d shipments, %d events, %d returns\n",
                load.getProperty("keyPrefix"), load.getProperty("rate.shipments"), load.getProperty("rate.koiki"),
                load.getProperty("rate.webhookEvents"), load.getProperty("rate.returns"), (stopped - started) / 1e3,
                shipments.size(), webhooks.size(), returns.size()));
        Path faults = out.resolve("faults.tsv");
        if (Files.exists(faults)) {
            b.append("\n## Faults\n\n| fault | at (s) | what | back after (s) | failed client attempts while it lasted |\n|---|---:|---|---:|---:|\n");
            Map<Long, Long> failuresPerSecond = failuresPerSecond();
            List<String> lines = Files.readAllLines(faults);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1); // fault, start_ms, end_ms, back_s, what
                long from = (Long.parseLong(f[1]) - started) / 1000;
                long to = (Long.parseLong(f[2]) - started) / 1000 + 5;
                long failures = failuresPerSecond.entrySet().stream().filter(e -> e.getKey() >= from && e.getKey() <= to)
                        .mapToLong(Map.Entry::getValue).sum();
                b.append("| ").append(f[0]).append(" | ").append(from).append(" | ").append(f[4]).append(" | ").append(f[3])
                        .append(" | ").append(failures).append(" |\n");
            }
        }
        b.append("\n## Checks\n\n| check | expected | found | result |\n|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.check()).append(" | ").append(r.expected()).append(" | ").append(r.found().replace("|", "/"))
                    .append(" | ").append(r.pass() ? "PASS" : "**FAIL**").append(" |\n");
        }
        long failedChecks = rows.stream().filter(r -> !r.pass()).count();
        b.append("\n").append(failedChecks == 0 ? "All " + rows.size() + " checks passed."
                : failedChecks + " of " + rows.size() + " checks FAILED.").append('\n');
        return b.toString();
    }

    /** Second of the run -> client attempts that had to be retried (timeline.tsv). */
    private Map<Long, Long> failuresPerSecond() throws IOException {
        Map<Long, Long> perSecond = new TreeMap<>();
        for (String[] t : tsv("timeline.tsv")) {
            if (t[2].startsWith("retry-")) {
                perSecond.merge(Long.parseLong(t[0]), Long.parseLong(t[3]), Long::sum);
            }
        }
        return perSecond;
    }
}
