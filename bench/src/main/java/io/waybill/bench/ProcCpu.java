package io.waybill.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of process trees and of the whole machine, from /proc (Linux only; elsewhere every figure is 0).
 *
 * <p>A group is a root pid plus all its descendants (Keycloak's kc.sh and its java). Its time is the sum of
 * utime+stime over the live tree plus the root's cutime+cstime, so a child that exits between two snapshots
 * still counts exactly (its final time enters cutime when the root reaps it, and its earlier share leaves the
 * live sum).
 *
 * <p>A group with a filter ({@code pid~regex}) counts the root and only those descendants whose command line
 * (process title) matches, without cutime: PostgreSQL's postmaster and the backends of the stack's databases,
 * not those of tests that share the cluster.
 */
final class ProcCpu {

    /** CPU ticks per group, of this process, and of the machine (busy and total, summed over all CPUs). */
    record Snapshot(long nanoTime, Map<String, Long> groupTicks, long selfTicks, long machineBusy, long machineTotal) {
    }

    /** A process tree; {@code filter} null = every descendant. */
    record Group(long root, Pattern filter) {

        /** {@code <pid>} or {@code <pid>~<regex>}. */
        static Group parse(String spec) {
            int tilde = spec.indexOf('~');
            return tilde < 0 ? new Group(Long.parseLong(spec), null)
                    : new Group(Long.parseLong(spec.substring(0, tilde)), Pattern.compile(spec.substring(tilde + 1)));
        }
    }

    private final Map<String, Group> roots;
    private final long self = ProcessHandle.current().pid();

    ProcCpu(Map<String, Group> roots) {
        this.roots = new LinkedHashMap<>(roots);
    }

    Snapshot snapshot() {
        long now = System.nanoTime();
        Map<Long, Stat> all = readAll();
        Map<Long, List<Long>> children = new HashMap<>();
        all.values().forEach(s -> children.computeIfAbsent(s.ppid, k -> new ArrayList<>()).add(s.pid));
        Map<String, Long> ticks = new LinkedHashMap<>();
        roots.forEach((name, group) -> {
            long sum = 0;
            long root = group.root();
            Stat r = all.get(root);
            if (r != null) {
                if (group.filter() == null) {
                    sum += r.cutime + r.cstime;
                }
                Deque<Long> todo = new ArrayDeque<>(List.of(root));
                while (!todo.isEmpty()) {
                    Stat s = all.get(todo.pop());
                    if (s != null) {
                        if (s.pid == root || group.filter() == null || group.filter().matcher(cmdline(s.pid)).find()) {
                            sum += s.utime + s.stime;
                        }
                        todo.addAll(children.getOrDefault(s.pid, List.of()));
                    }
                }
            }
            ticks.put(name, sum);
        });
        Stat me = all.get(self);
        long[] machine = machine();
        return new Snapshot(now, ticks, me == null ? 0 : me.utime + me.stime, machine[0], machine[1]);
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private record Stat(long pid, long ppid, long utime, long stime, long cutime, long cstime) {
    }

    private static Map<Long, Stat> readAll() {
        Map<Long, Stat> out = new HashMap<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : dirs) {
                try {
                    String line = Files.readString(dir.resolve("stat"));
                    // "pid (comm) state ppid ..." - comm may contain spaces and parentheses: parse after the last ')'.
                    String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
                    long pid = Long.parseLong(dir.getFileName().toString());
                    // f[0]=state f[1]=ppid ... f[11]=utime f[12]=stime f[13]=cutime f[14]=cstime
                    out.put(pid, new Stat(pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                            Long.parseLong(f[13]), Long.parseLong(f[14])));
                } catch (IOException | RuntimeException gone) {
                    // the process exited while we looked
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** {busy, total} jiffies of the first line of /proc/stat; busy = total - idle - iowait. */
    private static long[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = first.trim().split("\\s+");
            long total = 0;
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice - already inside user/nice]
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Per group, "bench-client" and "machine": % of one core between two snapshots. */
    static Map<String, Double> percent(Snapshot a, Snapshot b, int clkTck) {
        double seconds = (b.nanoTime() - a.nanoTime()) / 1e9;
        Map<String, Double> out = new LinkedHashMap<>();
        double groups = 0;
        for (Map.Entry<String, Long> e : b.groupTicks().entrySet()) {
            double pct = 100.0 * (e.getValue() - a.groupTicks().getOrDefault(e.getKey(), e.getValue())) / clkTck / seconds;
            out.put(e.getKey(), pct);
            groups += pct;
        }
        double client = 100.0 * (b.selfTicks() - a.selfTicks()) / clkTck / seconds;
        out.put("bench-client", client);
        double machine = 100.0 * (b.machineBusy() - a.machineBusy()) / clkTck / seconds;
        out.put("other", Math.max(0, machine - groups - client));
        out.put("machine", machine);
        return out;
    }
}
