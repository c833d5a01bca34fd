package io.waybill.tracking.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import io.waybill.tracking.registering.CarrierDetection;
import io.waybill.tracking.webhooks.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Webhook ingest benchmark (on demand, not part of the build: surefire's default includes do not match
 * {@code *Bench}; run it with {@code bench/webhooks.sh}). Against the service as its tests run it (real
 * PostgreSQL and Kafka, the worker and the outbox relay on), it registers sandbox numbers, then pushes signed
 * sandbox webhooks at a fixed arrival rate (open model: latency counts from each call's scheduled time), a
 * share of them exact re-deliveries of an earlier call. Measured: 202 answers per second and their latency,
 * and for every first delivery the time from its scheduled send to the Kafka timestamp of its StatusChanged.
 * Settings: system properties {@code bench.rate} (calls/s, 200), {@code bench.seconds} (10), {@code bench.trackings}
 * (500), {@code bench.duplicates} (0.2, share of re-deliveries).
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_tracking_test"))
class WebhookIngestBench {

    static final String SECRET = "sandbox-webhook-secret";
    static final String[] CODES = {"PICKED_UP", "OUT_FOR_DELIVERY"};

    @TestHTTPResource("/webhooks/sandbox")
    URI endpoint;

    record Call(int index, String number, String code, OffsetDateTime occurredAt, String body, boolean duplicate, long scheduledNanos) {
    }

    @Test
    void ingest() throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.rate", "200"));
        int seconds = Integer.getInteger("bench.seconds", 10);
        int trackings = Integer.getInteger("bench.trackings", 500);
        double duplicates = Double.parseDouble(System.getProperty("bench.duplicates", "0.2"));
        List<String> numbers = register(trackings);

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // warm-up: the first calls pay for class loading and JIT
        run(client, numbers, Math.min(rate, 50), 3, duplicates, OffsetDateTime.now(ZoneOffset.UTC).minusDays(2));
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        long wallStart = System.currentTimeMillis();
        Result result = run(client, numbers, rate, seconds, duplicates, base);

        // webhook -> StatusChanged: the Kafka timestamp of each first delivery's StatusChanged
        Map<String, Long> firstSent = new ConcurrentHashMap<>();
        for (Call call : result.calls) {
            if (!call.duplicate) {
                firstSent.put(key(call.number, call.code, call.occurredAt), result.epochMillisAtScheduled(call));
            }
        }
        List<Long> toStatusChanged = new ArrayList<>();
        var changes = TestKafka.await(Topics.STATUS_CHANGED, record -> {
            if (record.timestamp() < wallStart) {
                return false;
            }
            StatusChanged e = PublicEvents.read(record, StatusChanged.class).event();
            Long sent = "WEBHOOK".equals(e.source()) ? firstSent.get(key(e.trackingNumber(), e.carrierCode(), e.occurredAt()))
                    : null;
            if (sent != null) {
                toStatusChanged.add(record.timestamp() - sent);
            }
            return sent != null;
        }, firstSent.size(), Duration.ofSeconds(60));
        int webhookChanges = changes.size();
        String report = report(rate, seconds, trackings, duplicates, result, firstSent.size(), webhookChanges, toStatusChanged);
        System.out.println(report);
        Path out = Path.of(System.getProperty("bench.out", "target/bench/webhook-ingest.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(result.accepted).as("every call answered 202").isEqualTo(result.calls.size());
    }

    /** Registers {@code count} sandbox numbers for a tenant of this run (batches of 1,000). */
    private static List<String> register(int count) {
        List<String> numbers = new ArrayList<>();
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < count; i++) {
            String serial = String.format("%08d", random.nextInt(100_000_000));
            numbers.add("SB" + serial + CarrierDetection.checkDigit(serial) + "WB");
        }
        String tenant = "bench-" + Instant.now().getEpochSecond();
        for (int from = 0; from < count; from += 1000) {
            List<Map<String, String>> items = numbers.subList(from, Math.min(count, from + 1000)).stream()
                    .map(n -> Map.of("trackingNumber", n, "carrier", "sandbox")).toList();
            given().auth().oauth2(TestTokens.erp(tenant)).contentType("application/json").body(Map.of("items", items))
                    .post("/api/v1/trackings/batch").then().statusCode(200);
        }
        return numbers;
    }

    static final class Result {
        final List<Call> calls = new ArrayList<>();
        final ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>(); // {index, nanos}
        final Map<String, Integer> errors = new TreeMap<>();
        long startNanos;
        long startEpochMillis;
        int accepted;
        double seconds;

        long epochMillisAtScheduled(Call call) {
            return startEpochMillis + (call.scheduledNanos - startNanos) / 1_000_000;
        }
    }

    private Result run(HttpClient client, List<String> numbers, double rate, int seconds, double duplicates,
            OffsetDateTime base) {
        Result result = new Result();
        SplittableRandom random = new SplittableRandom(42);
        int total = (int) Math.round(rate * seconds);
        int[] step = new int[numbers.size()];
        List<CompletableFuture<Void>> pending = new ArrayList<>(total);
        List<Call> firsts = new ArrayList<>();
        result.startNanos = System.nanoTime();
        result.startEpochMillis = System.currentTimeMillis();
        for (int n = 0; n < total; n++) {
            long scheduled = result.startNanos + (long) (n * 1_000_000_000L / rate);
            Call call;
            if (!firsts.isEmpty() && random.nextDouble() < duplicates) {
                Call original = firsts.get(random.nextInt(Math.max(0, firsts.size() - 50), firsts.size()));
                call = new Call(n, original.number, original.code, original.occurredAt, original.body, true, scheduled);
            } else {
                int t = random.nextInt(numbers.size());
                String number = numbers.get(t);
                int s = step[t]++;
                OffsetDateTime at = base.plusMinutes(s).withOffsetSameInstant(ZoneOffset.ofHours(-3));
                String code = CODES[s % CODES.length];
                String body = """
                        {"trackingNumber":"%s","code":"%s","description":"bench","location":"Bench","occurredAt":"%s"}"""
                        .formatted(number, code, at);
                call = new Call(n, number, code, at, body, false, scheduled);
                firsts.add(call);
            }
            result.calls.add(call);
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, Instant.now().getEpochSecond(), call.body))
                    .POST(HttpRequest.BodyPublishers.ofString(call.body)).build();
            final Call sent = call;
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                long latency = System.nanoTime() - sent.scheduledNanos;
                String outcome = failure != null ? "io-" + failure.getClass().getSimpleName()
                        : String.valueOf(response.statusCode());
                synchronized (result) {
                    if ("202".equals(outcome)) {
                        result.accepted++;
                    } else {
                        result.errors.merge(outcome, 1, Integer::sum);
                    }
                }
                result.latencies.add(new long[] {sent.index, latency});
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        result.seconds = (System.nanoTime() - result.startNanos) / 1e9;
        return result;
    }

    private static String key(String number, String code, OffsetDateTime at) {
        return number + "|" + code + "|" + at.toInstant();
    }

    private static String report(double rate, int seconds, int trackings, double duplicates, Result r, int firsts,
            int changes, List<Long> toStatusChanged) {
        long[] accept = r.latencies.stream().mapToLong(l -> l[1]).sorted().toArray();
        long[] change = toStatusChanged.stream().mapToLong(Long::longValue).sorted().toArray();
        long dups = r.calls.stream().filter(Call::duplicate).count();
        return """
                # Webhook ingest (%s)

                Sandbox webhooks, HMAC-signed, open model at %.0f calls/s for %d s over %d registered numbers; %d of %d calls
                (%.0f %% asked) were exact re-deliveries of an earlier call.

                | calls | 202 | accepted /s (all calls ÷ run time) | p50 ms | p90 ms | p99 ms | max ms | errors |
                |---:|---:|---:|---:|---:|---:|---:|---|
                | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %s |

                | first deliveries | StatusChanged seen | webhook→StatusChanged p50 ms | p90 ms | p99 ms | max ms |
                |---:|---:|---:|---:|---:|---:|
                | %d | %d | %d | %d | %d | %d |
                """.formatted(Instant.now(), rate, seconds, trackings, dups, r.calls.size(), duplicates * 100,
                r.calls.size(), r.accepted, r.accepted / r.seconds, ms(accept, 0.5), ms(accept, 0.9), ms(accept, 0.99),
                ms(accept, 1.0), r.errors.isEmpty() ? "none" : r.errors.toString(), firsts, changes, pct(change, 0.5),
                pct(change, 0.9), pct(change, 0.99), pct(change, 1.0));
    }

    private static double ms(long[] sortedNanos, double q) {
        return sortedNanos.length == 0 ? Double.NaN : pct(sortedNanos, q) / 1e6;
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
