package io.waybill.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/** The Markdown tables of a run, from the step files OpenLoad wrote. */
final class Report {

    private Report() {
    }

    static String markdown(List<Path> files) throws IOException {
        List<Properties> steps = new ArrayList<>();
        for (Path f : files) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            }
            steps.add(p);
        }
        StringBuilder md = new StringBuilder();

        md.append("### Intake: POST /api/v1/shipments through the gateway\n\n");
        md.append("Latency is measured from each request's *scheduled* send time (open model, coordinated-omission free), ")
                .append("over every request scheduled in the measured window, whatever its outcome. ")
                .append("\"accepted/s\" counts 201 responses that arrived inside the window.\n\n");
        md.append("| target /s | sent /s | accepted (201) /s | p50 ms | p90 ms | p99 ms | max ms | errors (outcome × count) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Properties p : steps) {
            md.append("| ").append(p.getProperty("rate"))
                    .append(" | ").append(p.getProperty("sentPerSecond"))
                    .append(" | ").append(p.getProperty("acceptedPerSecond"))
                    .append(" | ").append(p.getProperty("latency.all.p50", "-"))
                    .append(" | ").append(p.getProperty("latency.all.p90", "-"))
                    .append(" | ").append(p.getProperty("latency.all.p99", "-"))
                    .append(" | ").append(p.getProperty("latency.all.max", "-"))
                    .append(" | ").append(errors(p))
                    .append(" |\n");
        }

        md.append("\n### Client check and backlog\n\n");
        md.append("Send lag = how late the generator itself sent a request (if p99 grows, the client or the machine, ")
                .append("not only the gateway, is saturated; the lag is still inside the latency above). ")
                .append("\"stack busy after\" = seconds until gateway, services, Keycloak, Kafka and PostgreSQL together ")
                .append("fell below the quiet threshold after the window (labels, tracking, outbox still working off the step).\n\n");
        md.append("| target /s | requests | 201 p99 ms | send lag p99 ms | send lag max ms | max in flight | stack busy after (s) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Properties p : steps) {
            String settle = p.getProperty("settle.seconds", "-");
            if ("false".equals(p.getProperty("settle.quiet"))) {
                settle = "> " + settle + " (still " + p.getProperty("settle.lastPercent") + " %)";
            }
            md.append("| ").append(p.getProperty("rate"))
                    .append(" | ").append(p.getProperty("scheduled"))
                    .append(" | ").append(p.getProperty("latency.accepted.p99", "-"))
                    .append(" | ").append(p.getProperty("sendLag.p99", "-"))
                    .append(" | ").append(p.getProperty("sendLag.max", "-"))
                    .append(" | ").append(p.getProperty("maxInFlightSeen"))
                    .append(" | ").append(settle)
                    .append(" |\n");
        }

        Set<String> groups = new LinkedHashSet<>();
        for (Properties p : steps) {
            String g = p.getProperty("cpu.groups", "");
            if (!g.isBlank()) {
                groups.addAll(List.of(g.split(",")));
            }
        }
        if (steps.stream().anyMatch(p -> p.getProperty("cpu.machine") != null)) {
            int cores = Runtime.getRuntime().availableProcessors();
            md.append("\n### CPU in the measured window (% of one core; the machine has ").append(cores)
                    .append(" = ").append(cores * 100).append(" %)\n\n");
            md.append("Per process tree from /proc (utime+stime). \"other\" = everything else on the machine ")
                    .append("(other users' builds, the OS).\n\n");
            md.append("| target /s | machine busy |");
            groups.forEach(g -> md.append(' ').append(g).append(" |"));
            md.append(" bench client | other |\n|---:|---:|");
            groups.forEach(g -> md.append("---:|"));
            md.append("---:|---:|\n");
            for (Properties p : steps) {
                md.append("| ").append(p.getProperty("rate")).append(" | ").append(p.getProperty("cpu.machine", "-")).append(" |");
                groups.forEach(g -> md.append(' ').append(p.getProperty("cpu." + g, "-")).append(" |"));
                md.append(' ').append(p.getProperty("cpu.bench-client", "-")).append(" | ")
                        .append(p.getProperty("cpu.other", "-")).append(" |\n");
            }
        }

        if (steps.stream().anyMatch(p -> p.getProperty("cost.stack") != null)) {
            appendCost(md, steps, groups);
        }

        Map<String, String> samples = new LinkedHashMap<>();
        for (Properties p : steps) {
            for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
                if (k.startsWith("sample.")) {
                    samples.putIfAbsent(k.substring(7), p.getProperty("rate") + "/s: " + p.getProperty(k));
                }
            }
        }
        if (!samples.isEmpty()) {
            md.append("\n### First response of each error outcome\n\n");
            samples.forEach((k, v) -> md.append("- `").append(k).append("` (").append(v.replace("|", "\\|")).append(")\n"));
        }
        return md.toString();
    }

    /**
     * What one accepted request cost the whole pipeline, and the rate the machine's cores could sustain at that
     * cost if nothing else ran: the ceiling that CPU alone puts on the stack.
     */
    private static void appendCost(StringBuilder md, List<Properties> steps, Set<String> groups) {
        int cores = Runtime.getRuntime().availableProcessors();
        md.append("\n### Cost per accepted request (whole pipeline)\n\n");
        md.append("CPU time per accepted request, from the step's first request (warm-up included) until the stack was quiet ")
                .append("again, minus each process's idle use measured just before the step; the asynchronous work the request ")
                .append("started (outbox relays, labels, tracking, projections) is inside. \"ceiling\" = ").append(cores)
                .append(" cores × 1000 ms ÷ stack CPU ms: the rate at which the stack alone would use every core. ")
                .append("PostgreSQL commits: `xact_commit` of the stack's databases over the same span.\n\n");
        Set<String> dbs = new LinkedHashSet<>();
        steps.forEach(p -> p.stringPropertyNames().stream().filter(k -> k.startsWith("commits.")).sorted()
                .forEach(k -> dbs.add(k.substring(8))));
        md.append("| target /s | accepted | stack CPU ms |");
        groups.forEach(g -> md.append(' ').append(g).append(" ms |"));
        md.append(" bench client ms | ceiling /s | commits |");
        dbs.forEach(d -> md.append(' ').append(d).append(" |"));
        md.append("\n|---:|---:|---:|");
        groups.forEach(g -> md.append("---:|"));
        md.append("---:|---:|---:|");
        dbs.forEach(d -> md.append("---:|"));
        md.append('\n');
        for (Properties p : steps) {
            if (p.getProperty("cost.stack") == null) {
                continue;
            }
            double stack = Double.parseDouble(p.getProperty("cost.stack"));
            long accepted = Long.parseLong(p.getProperty("cost.accepted"));
            md.append("| ").append(p.getProperty("rate")).append(" | ").append(accepted).append(" | ").append(p.getProperty("cost.stack")).append(" |");
            groups.forEach(g -> md.append(' ').append(p.getProperty("cost." + g, "-")).append(" |"));
            md.append(' ').append(p.getProperty("cost.bench-client", "-")).append(" | ")
                    .append(stack > 0 ? String.format(Locale.ROOT, "%.0f", cores * 1000.0 / stack) : "-").append(" | ");
            long all = dbs.stream().mapToLong(d -> Long.parseLong(p.getProperty("commits." + d, "0"))).sum();
            md.append(dbs.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", all / (double) accepted)).append(" |");
            dbs.forEach(d -> md.append(' ').append(String.format(Locale.ROOT, "%.1f",
                    Long.parseLong(p.getProperty("commits." + d, "0")) / (double) accepted)).append(" |"));
            md.append('\n');
        }
    }

    private static String errors(Properties p) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(p).forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("outcome.") && !key.equals("outcome." + p.getProperty("acceptedStatus", "201"))) {
                if (!s.isEmpty()) {
                    s.append(", ");
                }
                s.append(key.substring(8)).append(" × ").append(v);
            }
        });
        return s.isEmpty() ? "none" : s.toString();
    }
}
