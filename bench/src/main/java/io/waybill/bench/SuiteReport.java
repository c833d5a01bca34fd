package io.waybill.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code <dir>/report.md} and {@code <dir>/report.png} of a bench/run.sh run: the figures of {@link Suite}
 * ({@code intake.properties}, {@code webhooks.properties}, {@code pipeline.properties}) next to the raw limits
 * measured in the same run by Kafka's and PostgreSQL's own tools ({@code kafka-produce.txt},
 * {@code kafka-consume.txt}, {@code kafka-e2e.txt}, {@code pg-insert.txt}, {@code pg-insert-batch.txt}), each
 * Waybill figure also as a ratio to its raw limit. {@code meta.properties} (written by run.sh) describes the run.
 */
final class SuiteReport {

    private static final Pattern PRODUCE = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");
    private static final Pattern E2E_AVG = Pattern.compile("Avg latency: ([\\d.]+) ms");
    private static final Pattern E2E_PCT = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+)");
    private static final Pattern PG_TPS = Pattern.compile("tps = ([\\d.]+) \\(without initial connection time\\)");
    private static final Pattern PG_LAT = Pattern.compile("latency average = ([\\d.]+) ms");

    private SuiteReport() {
    }

    static void write(Path dir) throws IOException {
        Properties intake = load(dir.resolve("intake.properties"));
        Properties hooks = load(dir.resolve("webhooks.properties"));
        Properties events = load(dir.resolve("pipeline.properties"));
        Properties meta = load(dir.resolve("meta.properties"));
        String produceText = read(dir.resolve("kafka-produce.txt"));
        Matcher produce = last(PRODUCE, produceText);
        double[] consume = consumerPerf(read(dir.resolve("kafka-consume.txt")));
        String e2eText = read(dir.resolve("kafka-e2e.txt"));
        Matcher e2eAvg = last(E2E_AVG, e2eText);
        Matcher e2e = last(E2E_PCT, e2eText);
        Matcher pgSingle = last(PG_TPS, read(dir.resolve("pg-insert.txt")));
        Matcher pgBatchTps = last(PG_TPS, read(dir.resolve("pg-insert-batch.txt")));
        int batchRows = Integer.parseInt(meta.getProperty("pg.batchRows", "100"));

        double intakePerSecond = number(intake.getProperty("acceptedPerSecond"));
        double labelsPerSecond = number(events.getProperty("label.perSecond"));
        double hooksPerSecond = number(hooks.getProperty("acceptedPerSecond"));
        double kafkaProduce = produce == null ? Double.NaN : Double.parseDouble(produce.group(2));
        double kafkaConsume = consume[1];
        double pgInsert = pgSingle == null ? Double.NaN : Double.parseDouble(pgSingle.group(1));
        double pgBatchRows = pgBatchTps == null ? Double.NaN : Double.parseDouble(pgBatchTps.group(1)) * batchRows;
        double e2eP50 = e2e == null ? Double.NaN : Double.parseDouble(e2e.group(1));
        double e2eP99 = e2e == null ? Double.NaN : Double.parseDouble(e2e.group(2));

        String pgRef = "PostgreSQL single-row INSERT + COMMIT (" + meta.getProperty("pg.describe", "pgbench") + ")";
        String kafkaRef = "Kafka produce (" + meta.getProperty("kafka.describe", "kafka-producer-perf-test") + ")";
        String e2eRef = "Kafka produce→consume latency (EndToEndLatency, " + meta.getProperty("kafka.e2e.describe", "") + ")";

        StringBuilder md = new StringBuilder();
        md.append("# Waybill benchmark, ").append(meta.getProperty("date", "?")).append("\n\n");
        for (String k : List.of("machine", "load", "jdk", "code", "stack", "load-shape")) {
            if (meta.getProperty(k) != null) {
                md.append("- ").append(k).append(": ").append(meta.getProperty(k)).append('\n');
            }
        }
        md.append("\n## Figures and their raw limits\n\n");
        md.append("Throughputs are what the stack sustained at the offered rate (open model), not its ceiling; the ratio ")
                .append("says how much of the raw limit that load used. Latencies are compared with Kafka's own ")
                .append("produce→consume latency: the ratio is how many raw Kafka hops the path costs.\n\n");
        md.append("| figure | Waybill | raw reference (same machine, same run) | raw | Waybill ÷ raw |\n");
        md.append("|---|---:|---|---:|---:|\n");
        String intakeName = "intake: 201/s at " + intake.getProperty("rate") + "/s offered, POST /api/v1/shipments via gateway";
        row(md, intakeName, perSecond(intakePerSecond), pgRef, perSecond(pgInsert), ratio(intakePerSecond, pgInsert));
        row(md, intakeName, perSecond(intakePerSecond), kafkaRef, perSecond(kafkaProduce), ratio(intakePerSecond, kafkaProduce));
        row(md, "intake latency p50 / p99 (scheduled send → response)",
                ms(intake.getProperty("latency.all.p50")) + " / " + ms(intake.getProperty("latency.all.p99")), "", "", "");
        row(md, "labels/s (LabelGenerated of the measured shipments)", perSecond(labelsPerSecond), pgRef, perSecond(pgInsert),
                ratio(labelsPerSecond, pgInsert));
        row(md, "ShipmentValidated→LabelGenerated p50 / p99 (" + events.getProperty("label.count") + " of "
                        + events.getProperty("label.expected") + " labelled)",
                ms(events.getProperty("label.p50")) + " / " + ms(events.getProperty("label.p99")), e2eRef,
                rawMs(e2eP50) + " / " + rawMs(e2eP99),
                times(number(events.getProperty("label.p50")), e2eP50) + " / " + times(number(events.getProperty("label.p99")), e2eP99));
        String hookName = "webhook ingest: 202/s at " + hooks.getProperty("rate") + "/s offered, "
                + Math.round(number(events.getProperty("webhook.duplicateShare")) * 100) + " % duplicates, POST /webhooks/sandbox via gateway";
        row(md, hookName, perSecond(hooksPerSecond), pgRef, perSecond(pgInsert), ratio(hooksPerSecond, pgInsert));
        row(md, "webhook ingest latency p50 / p99 (scheduled send → 202)",
                ms(hooks.getProperty("latency.all.p50")) + " / " + ms(hooks.getProperty("latency.all.p99")), "", "", "");
        row(md, "webhook→StatusChanged p50 / p99 (" + events.getProperty("status.count") + " of "
                        + events.getProperty("status.expected") + " status moves seen)",
                ms(events.getProperty("status.p50")) + " / " + ms(events.getProperty("status.p99")), e2eRef,
                rawMs(e2eP50) + " / " + rawMs(e2eP99),
                times(number(events.getProperty("status.p50")), e2eP50) + " / " + times(number(events.getProperty("status.p99")), e2eP99));

        md.append("\n## Raw limits (reference only)\n\n");
        md.append("| tool | figure |\n|---|---|\n");
        if (produce != null) {
            md.append("| ").append(kafkaRef).append(" | ").append(perSecond(kafkaProduce)).append(" records, ")
                    .append(produce.group(3)).append(" MB/s; ack latency avg ").append(produce.group(4)).append(" ms, p50 ")
                    .append(produce.group(6)).append(" ms, p99 ").append(produce.group(8)).append(" ms |\n");
        }
        md.append("| Kafka consume (kafka-consumer-perf-test, same records) | ").append(perSecond(kafkaConsume))
                .append(" records, ").append(fmt(consume[0])).append(" MB/s |\n");
        if (e2e != null) {
            md.append("| ").append(e2eRef).append(" | p50 ").append(rawMs(e2eP50)).append(", p99 ").append(rawMs(e2eP99))
                    .append(e2eAvg != null ? ", avg " + e2eAvg.group(1) + " ms" : "").append(" |\n");
        }
        md.append("| ").append(pgRef).append(" | ").append(perSecond(pgInsert)).append(" transactions")
                .append(latency(read(dir.resolve("pg-insert.txt")))).append(" |\n");
        md.append("| PostgreSQL INSERT, ").append(batchRows).append(" rows per transaction (same clients) | ")
                .append(perSecond(pgBatchRows)).append(" rows |\n");

        md.append("\n## Steps in detail\n\n");
        md.append(Report.markdown(List.of(dir.resolve("intake.properties"), dir.resolve("webhooks.properties")))
                .replace("### Intake: POST /api/v1/shipments through the gateway", "### Row 1: intake; row 2: webhooks (202 = accepted)")
                .replace("accepted (201) /s", "accepted /s")
                .replace("counts 201 responses", "counts accepted responses (201; 202 for webhooks)").replace("| 201 p99 ms |", "| accepted p99 ms |"));
        md.append("\nPlot: report.png. Raw tool outputs: kafka-*.txt, pg-*.txt in this directory.\n");
        Files.writeString(dir.resolve("report.md"), md.toString());

        DefaultCategoryDataset throughput = new DefaultCategoryDataset();
        add(throughput, intakePerSecond, "Waybill", "intake 201/s");
        add(throughput, labelsPerSecond, "Waybill", "labels/s");
        add(throughput, hooksPerSecond, "Waybill", "webhooks 202/s");
        add(throughput, pgInsert, "raw limit", "PG insert tx/s");
        add(throughput, pgBatchRows, "raw limit", "PG rows/s (batched)");
        add(throughput, kafkaProduce, "raw limit", "Kafka produce/s");
        add(throughput, kafkaConsume, "raw limit", "Kafka consume/s");
        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        add(latency, number(intake.getProperty("latency.all.p50")), "p50", "intake HTTP");
        add(latency, number(intake.getProperty("latency.all.p99")), "p99", "intake HTTP");
        add(latency, number(events.getProperty("label.p50")), "p50", "Validated→Label");
        add(latency, number(events.getProperty("label.p99")), "p99", "Validated→Label");
        add(latency, number(hooks.getProperty("latency.all.p50")), "p50", "webhook HTTP");
        add(latency, number(hooks.getProperty("latency.all.p99")), "p99", "webhook HTTP");
        add(latency, number(events.getProperty("status.p50")), "p50", "webhook→Status");
        add(latency, number(events.getProperty("status.p99")), "p99", "webhook→Status");
        add(latency, e2eP50, "p50", "raw Kafka e2e");
        add(latency, e2eP99, "p99", "raw Kafka e2e");
        BufferedImage image = new BufferedImage(1400, 625, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart("Throughput, per second (log scale)", "per second", throughput, 1).draw(g, new Rectangle2D.Double(0, 0, 700, 600));
        chart("Latency, ms (log scale)", "ms", latency, 1).draw(g, new Rectangle2D.Double(700, 0, 700, 600));
        g.setColor(Color.WHITE);
        g.fillRect(0, 600, 1400, 25);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("Waybill bench " + meta.getProperty("date", "") + " — " + meta.getProperty("load", ""), 10, 617);
        g.dispose();
        ImageIO.write(image, "png", dir.resolve("report.png").toFile());
    }

    private static JFreeChart chart(String title, String axis, DefaultCategoryDataset data, double base) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, axis, data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        LogAxis log = new LogAxis(axis);
        log.setSmallestValue(base);
        log.setBase(10);
        log.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.#"));
        log.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
        plot.setRangeAxis(log);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setBase(base);
        renderer.setItemMargin(0.02);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xff7f0e));
        return chart;
    }

    private static void add(DefaultCategoryDataset data, double value, String series, String category) {
        data.addValue(Double.isNaN(value) ? null : (Double) Math.max(value, 1.0), series, category);
    }

    /** MB.sec and nMsg.sec of kafka-consumer-perf-test's summary (header line, then one data line). */
    private static double[] consumerPerf(String text) {
        List<String> lines = new ArrayList<>(text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> header = List.of(lines.get(i).split(",\\s*"));
                String[] values = lines.get(i + 1).split(",\\s*");
                int mb = header.indexOf("MB.sec");
                int msgs = header.indexOf("nMsg.sec");
                if (mb >= 0 && msgs >= 0 && values.length > Math.max(mb, msgs)) {
                    return new double[] {Double.parseDouble(values[mb]), Double.parseDouble(values[msgs])};
                }
            }
        }
        return new double[] {Double.NaN, Double.NaN};
    }

    private static String latency(String pgbench) {
        Matcher m = last(PG_LAT, pgbench);
        return m == null ? "" : ", latency average " + m.group(1) + " ms";
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }

    private static Matcher last(Pattern p, String text) {
        Matcher m = p.matcher(text);
        Matcher found = null;
        while (m.find()) {
            found = p.matcher(text);
            found.find(m.start());
        }
        return found;
    }

    private static Properties load(Path f) throws IOException {
        Properties p = new Properties();
        if (Files.exists(f)) {
            try (Reader r = Files.newBufferedReader(f)) {
                p.load(r);
            }
        }
        return p;
    }

    private static String read(Path f) throws IOException {
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private static double number(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String perSecond(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f /s", v);
    }

    private static String ms(String v) {
        return ms(number(v));
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f ms", v);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String ratio(double value, double raw) {
        if (Double.isNaN(value) || Double.isNaN(raw) || raw <= 0) {
            return "n/a";
        }
        double pct = 100 * value / raw;
        return String.format(Locale.ROOT, pct < 1 ? "%.2f %%" : "%.1f %%", pct);
    }

    /** How many times the raw latency; EndToEndLatency prints whole ms, so a raw 0 means "under 1 ms". */
    private static String times(double value, double raw) {
        if (Double.isNaN(value) || Double.isNaN(raw)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, raw < 1 ? "> %,.0f×" : "%,.0f×", value / Math.max(raw, 1));
    }

    private static String rawMs(double v) {
        return !Double.isNaN(v) && v < 1 ? "< 1 ms" : ms(v);
    }
}
