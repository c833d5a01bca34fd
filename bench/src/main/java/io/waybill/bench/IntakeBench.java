package io.waybill.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of the intake benchmark.
 *
 * <pre>
 *   java -jar bench/target/waybill-bench.jar run --rate 250 --out step.properties [options]   (token in $BENCH_TOKEN)
 *   java -jar bench/target/waybill-bench.jar report step-1.properties step-2.properties ...
 * </pre>
 *
 * {@code run} drives one fixed-rate step (warm-up, then the measured window) and writes its figures to a
 * properties file; {@code report} turns those files into the Markdown tables. bench/intake.sh runs both.
 */
public final class IntakeBench {

    private IntakeBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        switch (args[0]) {
            case "run" -> System.exit(OpenLoad.run(RunOptions.parse(rest)));
            case "report" -> {
                List<Path> files = rest.stream().map(Path::of).toList();
                System.out.print(Report.markdown(files));
            }
            case "suite" -> System.exit(Suite.run(rest));
            case "suite-report" -> SuiteReport.write(Path.of(rest.get(0)));
            case "faults-load" -> System.exit(FaultLoad.run(rest));
            case "faults-verify" -> System.exit(FaultVerify.run(rest));
            case "-h", "--help", "help" -> usage();
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: waybill-bench run --rate <req/s> --out <file.properties> [options]    (token in $BENCH_TOKEN)
                         --url <url>               default http://127.0.0.1:8080/api/v1/shipments
                         --body-template <file>    JSON body; __REFERENCE__ is replaced per request
                                                   default deploy/local/demo-shipment.json
                         --warmup <s>              default 5 (same rate, not recorded)
                         --duration <s>            default 20 (the measured window)
                         --timeout <s>             default 15 (per request; counted as 'timeout')
                         --max-in-flight <n>       default 2000 (beyond it sends wait; latency still counts from the schedule)
                         --key-prefix <text>       default bench-<epoch-ms>; keys are <prefix>-<rate>-<n>
                         --hgrm <file>             also write HdrHistogram percentile distribution (all requests, ms)
                         --group <name>=<pid>[~<regex>]  a process tree whose CPU is measured in the window (repeatable);
                                                   with ~regex only descendants whose command line matches count
                         --clk-tck <n>             default 100 (getconf CLK_TCK)
                         --settle-max <s>          after the step, wait until the groups are quiet, at most this (default 60; 0 = off)
                         --settle-threshold <pct>  'quiet' = groups together below this % of one core (default 25)
                         --idle-probe <s>          seconds of CPU sampling before the step with no load, subtracted
                                                   from the cost per request (default 5; 0 = no cost figures)
                       waybill-bench report <step.properties>...   Markdown tables on stdout
                       waybill-bench suite --out <dir> [options]   the whole benchmark of bench/run.sh (see Suite)
                       waybill-bench suite-report <dir>            <dir>/report.md and <dir>/report.png from a suite run
                       waybill-bench faults-load --out <dir> [options]    the steady load of bench/faults.sh (see FaultLoad)
                       waybill-bench faults-verify --out <dir> [options]  its checks, summary.md; exit 1 on a FAIL (FaultVerify)
                """);
    }

    /** {@code --name value} pairs; each {@code --group <name>=<pid>[~<regex>]} goes to {@code groups}. */
    static Map<String, String> options(List<String> args, Map<String, ProcCpu.Group> groups) {
        Map<String, String> single = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 >= args.size()) {
                unknown.add(a);
                continue;
            }
            String v = args.get(++i);
            if (a.equals("--group")) {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--group wants <name>=<pid>[~<regex>], got " + v);
                }
                groups.put(v.substring(0, eq), ProcCpu.Group.parse(v.substring(eq + 1)));
            } else {
                single.put(a.substring(2), v);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unexpected arguments: " + unknown);
        }
        return single;
    }

    /** Options of {@code run}. */
    record RunOptions(String url, Path bodyTemplate, double rate, int warmupSeconds, int durationSeconds,
                      int timeoutSeconds, int maxInFlight, String keyPrefix, Path out, Path hgrm,
                      Map<String, ProcCpu.Group> groups, int clkTck, int settleMaxSeconds, double settleThreshold, String token,
                      int idleProbeSeconds) {

        static RunOptions parse(List<String> args) {
            Map<String, ProcCpu.Group> groups = new LinkedHashMap<>();
            Map<String, String> single = options(args, groups);
            String token = System.getenv("BENCH_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("set BENCH_TOKEN to an access token (platform.sh token erp-acme erp-acme-secret)");
            }
            if (!single.containsKey("rate") || !single.containsKey("out")) {
                throw new IllegalArgumentException("--rate and --out are required");
            }
            double rate = Double.parseDouble(single.remove("rate"));
            if (rate <= 0) {
                throw new IllegalArgumentException("--rate must be > 0");
            }
            RunOptions o = new RunOptions(
                    single.getOrDefault("url", "http://127.0.0.1:8080/api/v1/shipments"),
                    Path.of(single.getOrDefault("body-template", "deploy/local/demo-shipment.json")),
                    rate,
                    Integer.parseInt(single.getOrDefault("warmup", "5")),
                    Integer.parseInt(single.getOrDefault("duration", "20")),
                    Integer.parseInt(single.getOrDefault("timeout", "15")),
                    Integer.parseInt(single.getOrDefault("max-in-flight", "2000")),
                    single.getOrDefault("key-prefix", "bench-" + System.currentTimeMillis()),
                    Path.of(single.get("out")),
                    single.containsKey("hgrm") ? Path.of(single.get("hgrm")) : null,
                    groups,
                    Integer.parseInt(single.getOrDefault("clk-tck", "100")),
                    Integer.parseInt(single.getOrDefault("settle-max", "60")),
                    Double.parseDouble(single.getOrDefault("settle-threshold", "25")),
                    token.strip(),
                    Integer.parseInt(single.getOrDefault("idle-probe", "5")));
            for (String k : List.of("url", "body-template", "warmup", "duration", "timeout", "max-in-flight", "key-prefix",
                    "out", "hgrm", "clk-tck", "settle-max", "settle-threshold", "idle-probe")) {
                single.remove(k);
            }
            if (!single.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + single.keySet());
            }
            return o;
        }
    }
}
