package io.waybill.bench;

import io.waybill.bench.IntakeBench.RunOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One fixed-arrival-rate step (open model).
 *
 * <p>Request n is <em>scheduled</em> at start + n/rate, whatever happened to the earlier ones, and its latency
 * is measured from that scheduled time to the end of the response. When the client or the system falls behind,
 * the wait before the request could even be sent is part of its latency, so coordinated omission does not hide
 * queueing (the wrk2 approach). The first {@code warmup} seconds run at the same rate and are not recorded.
 *
 * <p>All figures are about requests <em>scheduled</em> in the measured window, except "accepted/s", which counts
 * 201 responses that <em>arrived</em> in the window: that is the throughput the system really sustained.
 */
final class OpenLoad {

    private static final long US = 1_000;
    private static final long MAX_TRACKABLE_US = TimeUnit.MINUTES.toMicros(10);

    private OpenLoad() {
    }

    /**
     * What a step sends: request n of the step (key = {@code <key prefix>-<rate>-<n>}), scheduled at
     * {@code intendedNanos} (System.nanoTime), and which status means "accepted".
     */
    interface Requests {
        HttpRequest.Builder request(long n, String key, boolean measured, long intendedNanos);

        int acceptedStatus();
    }

    /** POST /api/v1/shipments: the body template with a unique reference = Idempotency-Key, 201 = accepted. */
    static Requests shipments(RunOptions o) throws IOException {
        String template = Files.readString(o.bodyTemplate());
        if (!template.contains("__REFERENCE__")) {
            throw new IllegalArgumentException(o.bodyTemplate() + " has no __REFERENCE__ placeholder");
        }
        URI uri = URI.create(o.url());
        return new Requests() {
            @Override
            public HttpRequest.Builder request(long n, String key, boolean measured, long intendedNanos) {
                return HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + o.token())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(template.replace("__REFERENCE__", key), StandardCharsets.UTF_8));
            }

            @Override
            public int acceptedStatus() {
                return 201;
            }
        };
    }

    static int run(RunOptions o) throws Exception {
        step(o, shipments(o));
        return 0;
    }

    /** Runs one step, writes its properties file (and .hgrm) and returns the figures. */
    static Properties step(RunOptions o, Requests requests) throws Exception {
        int acceptedStatus = requests.acceptedStatus();
        String acceptedCode = String.valueOf(acceptedStatus);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        double periodNs = 1e9 / o.rate();
        long warmupCount = Math.round(o.warmupSeconds() * o.rate());
        long measuredCount = Math.round(o.durationSeconds() * o.rate());
        long total = warmupCount + measuredCount;

        Histogram all = new ConcurrentHistogram(MAX_TRACKABLE_US, 3);
        Histogram accepted = new ConcurrentHistogram(MAX_TRACKABLE_US, 3);
        Histogram sendLag = new ConcurrentHistogram(MAX_TRACKABLE_US, 3);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Map<String, String> samples = new ConcurrentHashMap<>();
        LongAdder acceptedInWindow = new LongAdder();
        LongAdder acceptedInStep = new LongAdder();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Semaphore permits = new Semaphore(o.maxInFlight());

        ProcCpu cpu = new ProcCpu(o.groups());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cpu-sampler");
            t.setDaemon(true);
            return t;
        });

        // What the stack burns with no load (pollers, relays, heartbeats), subtracted from the step's cost.
        ProcCpu.Snapshot idleStart = null;
        ProcCpu.Snapshot idleEnd = null;
        if (!o.groups().isEmpty() && o.idleProbeSeconds() > 0) {
            // A stack still working off an earlier step is not idle: wait for quiet first, or the "idle" use
            // subtracted would swallow the step's own cost.
            Properties before = new Properties();
            settle(cpu, o, before);
            if (!"true".equals(before.getProperty("settle.quiet"))) {
                System.err.println("[bench] the stack never became quiet before the step: no cost figures");
            } else {
                idleStart = cpu.snapshot();
                TimeUnit.SECONDS.sleep(o.idleProbeSeconds());
                idleEnd = cpu.snapshot();
            }
        }

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long measureStart = start + (long) (warmupCount * periodNs);
        long measureEnd = start + (long) (total * periodNs);
        // Past this, requests not yet sent are given up (counted as 'not-sent'): the in-flight cap was hit for long.
        long hardStop = measureEnd + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
        AtomicReference<ProcCpu.Snapshot> cpuStart = new AtomicReference<>();
        AtomicReference<ProcCpu.Snapshot> cpuEnd = new AtomicReference<>();
        sampler.schedule(() -> cpuStart.set(cpu.snapshot()), measureStart - System.nanoTime(), TimeUnit.NANOSECONDS);
        sampler.schedule(() -> cpuEnd.set(cpu.snapshot()), measureEnd - System.nanoTime(), TimeUnit.NANOSECONDS);

        String rateLabel = o.rate() == Math.rint(o.rate()) ? String.valueOf((long) o.rate()) : String.valueOf(o.rate());
        System.err.printf("[bench] %s/s: %d s warm-up + %d s measured = %d requests to %s%n",
                rateLabel, o.warmupSeconds(), o.durationSeconds(), total, o.url());

        long scheduledInWindow = 0;
        long sentInWindow = 0;
        long notSent = 0;
        long n = 0;
        for (; n < total; n++) {
            final long intended = start + (long) (n * periodNs);
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            final boolean measured = n >= warmupCount;
            if (!permits.tryAcquire()) {
                long wait = hardStop - now;
                if (wait <= 0 || !permits.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
            long sendAt = System.nanoTime();
            if (measured) {
                scheduledInWindow++;
                sentInWindow++;
                sendLag.recordValue(Math.min(MAX_TRACKABLE_US, (sendAt - intended) / US));
            }
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            String key = o.keyPrefix() + "-" + rateLabel + "-" + n;
            HttpRequest request = requests.request(n, key, measured, intended)
                    .timeout(Duration.ofSeconds(o.timeoutSeconds()))
                    .build();
            client.sendAsync(request, info -> info.statusCode() == acceptedStatus
                            ? HttpResponse.BodySubscribers.replacing("")
                            : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, failure) -> {
                        long done = System.nanoTime();
                        try {
                            String outcome = response != null ? String.valueOf(response.statusCode()) : failureName(failure);
                            if (response != null && response.statusCode() == acceptedStatus) {
                                acceptedInStep.increment();
                                if (done >= measureStart && done < measureEnd) {
                                    acceptedInWindow.increment();
                                }
                            }
                            if (measured) {
                                long latencyUs = Math.min(MAX_TRACKABLE_US, (done - intended) / US);
                                all.recordValue(latencyUs);
                                if (response != null && response.statusCode() == acceptedStatus) {
                                    accepted.recordValue(latencyUs);
                                }
                                outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                                if (!acceptedCode.equals(outcome)) {
                                    samples.putIfAbsent(outcome, sample(response, failure));
                                }
                            }
                        } finally {
                            inFlight.decrementAndGet();
                            permits.release();
                        }
                    });
        }
        if (n < total) {
            long measuredLeft = total - Math.max(n, warmupCount);
            notSent = measuredLeft;
            scheduledInWindow += measuredLeft;
            System.err.printf("[bench] gave up sending %d requests: %d in flight for longer than the %d s timeout%n",
                    total - n, o.maxInFlight(), o.timeoutSeconds());
        }
        // Let the last responses arrive (each has its own timeout).
        boolean drained = permits.tryAcquire(o.maxInFlight(), o.timeoutSeconds() + 5L, TimeUnit.SECONDS);
        int unfinished = drained ? 0 : inFlight.get();
        long sleepUntilEnd = measureEnd - System.nanoTime();
        if (sleepUntilEnd > 0) {
            TimeUnit.NANOSECONDS.sleep(sleepUntilEnd + TimeUnit.MILLISECONDS.toNanos(50));
        }
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);

        Properties p = new Properties();
        p.setProperty("rate", rateLabel);
        p.setProperty("finishedAt", Instant.now().toString());
        p.setProperty("warmupSeconds", String.valueOf(o.warmupSeconds()));
        p.setProperty("durationSeconds", String.valueOf(o.durationSeconds()));
        p.setProperty("timeoutSeconds", String.valueOf(o.timeoutSeconds()));
        p.setProperty("maxInFlightLimit", String.valueOf(o.maxInFlight()));
        p.setProperty("maxInFlightSeen", String.valueOf(maxInFlight.get()));
        p.setProperty("scheduled", String.valueOf(scheduledInWindow));
        p.setProperty("sent", String.valueOf(sentInWindow));
        p.setProperty("notSent", String.valueOf(notSent));
        p.setProperty("unfinished", String.valueOf(unfinished));
        p.setProperty("sentPerSecond", fmt(sentInWindow / (double) o.durationSeconds()));
        p.setProperty("acceptedInWindow", String.valueOf(acceptedInWindow.sum()));
        p.setProperty("acceptedPerSecond", fmt(acceptedInWindow.sum() / (double) o.durationSeconds()));
        put(p, "latency.all", all);
        p.setProperty("acceptedStatus", acceptedCode);
        put(p, "latency.accepted", accepted);
        put(p, "sendLag", sendLag);
        new TreeMap<>(outcomes).forEach((k, v) -> p.setProperty("outcome." + k, String.valueOf(v.sum())));
        if (notSent > 0) {
            p.setProperty("outcome.not-sent", String.valueOf(notSent));
        }
        if (unfinished > 0) {
            p.setProperty("outcome.unfinished", String.valueOf(unfinished));
        }
        samples.forEach((k, v) -> p.setProperty("sample." + k, v));

        ProcCpu.Snapshot a = cpuStart.get();
        ProcCpu.Snapshot b = cpuEnd.get();
        if (a != null && b != null) {
            p.setProperty("cpu.groups", String.join(",", o.groups().keySet()));
            ProcCpu.percent(a, b, o.clkTck()).forEach((k, v) -> p.setProperty("cpu." + k, fmt(v)));
            p.setProperty("cpu.windowSeconds", fmt((b.nanoTime() - a.nanoTime()) / 1e9));
        }
        if (!o.groups().isEmpty() && o.settleMaxSeconds() > 0) {
            settle(cpu, o, p);
            if (idleEnd != null) {
                cost(idleStart, idleEnd, cpu.snapshot(), acceptedInStep.sum(), o, p);
            }
        }

        try (OutputStream out = Files.newOutputStream(o.out())) {
            p.store(out, "waybill intake bench step, " + rateLabel + "/s");
        }
        if (o.hgrm() != null) {
            try (PrintStream ps = new PrintStream(Files.newOutputStream(o.hgrm()), true, StandardCharsets.UTF_8)) {
                ps.printf("# all requests scheduled in the measured window, %s/s; latency from the scheduled send time, ms%n", rateLabel);
                all.outputPercentileDistribution(ps, 1000.0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.err.printf("[bench] %s/s: sent %s/s, accepted %s/s, p50 %s ms, p99 %s ms, max %s ms, outcomes %s%n",
                rateLabel, p.getProperty("sentPerSecond"), p.getProperty("acceptedPerSecond"),
                p.getProperty("latency.all.p50"), p.getProperty("latency.all.p99"), p.getProperty("latency.all.max"),
                new TreeMap<>(outcomes));
        return p;
    }

    /**
     * After the step the services still work off what was accepted (outbox relay, labels, tracking). Wait,
     * sampling once a second, until the groups together use less than the threshold for 3 s in a row, so the next
     * step starts from a quiet stack; the time it took says how far the asynchronous pipeline lagged behind intake.
     */
    private static void settle(ProcCpu cpu, RunOptions o, Properties p) throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + TimeUnit.SECONDS.toNanos(o.settleMaxSeconds());
        ProcCpu.Snapshot prev = cpu.snapshot();
        int quiet = 0;
        double last = 0;
        while (System.nanoTime() < deadline && quiet < 3) {
            TimeUnit.SECONDS.sleep(1);
            ProcCpu.Snapshot now = cpu.snapshot();
            Map<String, Double> pct = ProcCpu.percent(prev, now, o.clkTck());
            last = o.groups().keySet().stream().mapToDouble(g -> pct.getOrDefault(g, 0.0)).sum();
            quiet = last < o.settleThreshold() ? quiet + 1 : 0;
            prev = now;
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        p.setProperty("settle.seconds", fmt(seconds));
        p.setProperty("settle.quiet", String.valueOf(quiet >= 3));
        p.setProperty("settle.lastPercent", fmt(last));
        System.err.printf("[bench] settle: %s after %.0f s (stack at %.0f%% of one core)%n",
                quiet >= 3 ? "quiet" : "still busy", seconds, last);
    }

    /**
     * CPU each group spent per accepted request over the whole step, from its first request (warm-up included)
     * until the stack was quiet again, minus what the group uses idle. Asynchronous work the requests caused
     * (relays, labels, tracking) is inside, so this is the pipeline's cost of one request, not only the answer's.
     */
    private static void cost(ProcCpu.Snapshot idleStart, ProcCpu.Snapshot idleEnd, ProcCpu.Snapshot end, long accepted,
            RunOptions o, Properties p) {
        if (accepted == 0) {
            return;
        }
        double stepSeconds = (end.nanoTime() - idleEnd.nanoTime()) / 1e9;
        Map<String, Double> idle = ProcCpu.percent(idleStart, idleEnd, o.clkTck());
        Map<String, Double> step = ProcCpu.percent(idleEnd, end, o.clkTck());
        double total = 0;
        for (String g : o.groups().keySet()) {
            double cpuMs = Math.max(0, step.getOrDefault(g, 0.0) - idle.getOrDefault(g, 0.0)) * 10 * stepSeconds / accepted;
            p.setProperty("cost." + g, fmt(cpuMs));
            p.setProperty("idle." + g, fmt(idle.getOrDefault(g, 0.0)));
            total += cpuMs;
        }
        p.setProperty("cost.stack", fmt(total));
        p.setProperty("cost.bench-client", fmt(step.getOrDefault("bench-client", 0.0) * 10 * stepSeconds / accepted));
        p.setProperty("cost.accepted", String.valueOf(accepted));
        p.setProperty("cost.seconds", fmt(stepSeconds));
        p.setProperty("cost.idleSeconds", fmt((idleEnd.nanoTime() - idleStart.nanoTime()) / 1e9));
    }

    private static String failureName(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException) {
            return "connect-timeout";
        }
        if (t instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (t instanceof ConnectException) {
            return "connect-refused";
        }
        return "io-" + t.getClass().getSimpleName();
    }

    private static String sample(HttpResponse<String> response, Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        String text = response != null ? String.valueOf(response.body()) : String.valueOf(t);
        text = text.replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static void put(Properties p, String prefix, Histogram h) {
        p.setProperty(prefix + ".count", String.valueOf(h.getTotalCount()));
        if (h.getTotalCount() == 0) {
            return;
        }
        p.setProperty(prefix + ".p50", ms(h.getValueAtPercentile(50)));
        p.setProperty(prefix + ".p90", ms(h.getValueAtPercentile(90)));
        p.setProperty(prefix + ".p99", ms(h.getValueAtPercentile(99)));
        p.setProperty(prefix + ".p999", ms(h.getValueAtPercentile(99.9)));
        p.setProperty(prefix + ".max", ms(h.getMaxValue()));
        p.setProperty(prefix + ".mean", fmt(h.getMean() / 1000.0));
    }

    private static String ms(long micros) {
        return fmt(micros / 1000.0);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
