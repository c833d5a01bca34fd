package io.waybill.bench;

import io.waybill.label.rendering.LabelData;
import io.waybill.label.rendering.PdfLabelRenderer;
import io.waybill.label.rendering.ZplLabelRenderer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Label renders per second (label-service's PdfLabelRenderer and ZplLabelRenderer) on 1 and 2 threads:
 * per format and thread count, a warm-up then a measured window; each render gets its own tracking
 * number, so nothing is cached between renders. Run on demand: {@code bench/label-bench.sh render}.
 *
 * <p>Arguments: warm-up seconds (default 5), measured seconds (default 10), thread counts (default 1 2).
 */
public final class LabelRenderBench {

    private LabelRenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<Integer> threadCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            threadCounts.add(Integer.parseInt(args[i]));
        }
        if (threadCounts.isEmpty()) {
            threadCounts = List.of(1, 2);
        }
        PdfLabelRenderer pdf = new PdfLabelRenderer();
        ZplLabelRenderer zpl = new ZplLabelRenderer();
        System.out.printf("cores=%d java=%s warmup=%ds measured=%ds%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), warmup, measured);
        System.out.println("| format | threads | renders/s | renders/s per thread | bytes/label |");
        System.out.println("|---|---|---|---|---|");
        for (int threads : threadCounts) {
            run("ZPL", threads, warmup, measured, n -> zpl.render(label(n)).length());
            run("PDF", threads, warmup, measured, n -> pdf.render(label(n)).length);
        }
    }

    private static void run(String format, int threads, int warmup, int measured, IntFunction<Integer> render)
            throws InterruptedException {
        window(threads, warmup, render); // JIT and caches; not recorded
        LongAdder bytes = new LongAdder();
        long count = window(threads, measured, n -> {
            int size = render.apply(n);
            bytes.add(size);
            return size;
        });
        double perSecond = count / (double) measured;
        System.out.printf("| %s | %d | %.0f | %.0f | %d |%n", format, threads, perSecond, perSecond / threads,
                count == 0 ? 0 : bytes.sum() / count);
    }

    /** Renders on {@code threads} threads for {@code seconds}; returns how many renders finished. */
    private static long window(int threads, int seconds, IntFunction<Integer> render) throws InterruptedException {
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch finished = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t * 100_000_000;
            Thread.ofPlatform().start(() -> {
                int n = offset;
                long sink = 0;
                while (System.nanoTime() < end) {
                    sink += render.apply(n++);
                    done.increment();
                }
                if (sink == 42) {
                    System.out.print(""); // keeps the results alive for the JIT
                }
                finished.countDown();
            });
        }
        finished.await();
        return done.sum();
    }

    private static LabelData label(int n) {
        String tracking = String.format("SB%09dWB", n % 1_000_000_000);
        return new LabelData("sandbox", "standard", tracking, "ES-080",
                new LabelData.Party("Almacén Central", "Acme SL", List.of("Calle de Alcalá 1"), "28014", "Madrid", "ES"),
                new LabelData.Party("Ana Gómez", null, List.of("Carrer de Mallorca 401", "3º 2ª"), "08013", "Barcelona", "ES"),
                2350, "SO-" + n, 1, 1, LocalDate.of(2026, 11, 25));
    }
}
