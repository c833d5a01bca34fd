import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.order.shipment.ShipmentCommand.AcceptShipment;
import io.waybill.order.shipment.ShipmentCommands;
import io.waybill.order.shipment.ShipmentDetails;
import io.waybill.order.gettingshipments.ShipmentViews;
import java.lang.reflect.*;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The order-service intake transaction alone, straight on PostgreSQL: statements sent per intake
 * and CPU of the PostgreSQL backends per intake (from /proc, so run it on the database's machine).
 * Mode {@code accept}: what intake does now (ShipmentCommands.accept). Mode {@code handle}: the
 * general load-decide-append path plus reading the view back, as intake did before ADR 0081.
 * Arguments: mode threads intakes body.json. See bench/README.md.
 */
public class IntakeSql {
    static final AtomicLong statements = new AtomicLong();

    public static void main(String[] a) throws Exception {
        String mode = a[0]; int threads = Integer.parseInt(a[1]); int count = Integer.parseInt(a[2]);
        String server = System.getenv().getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432");
        String user = System.getenv().getOrDefault("BENCH_PG_USER", "postgres");
        String db = "waybill_bench_sql_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(server + "/postgres", user, "")) {
            admin.createStatement().execute("CREATE DATABASE " + db);
        }
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(server + "/" + db); ds.setUser(user);
            Flyway.configure().dataSource(ds).locations("classpath:db/eventstore", "classpath:db/migration").load().migrate();
            EventStore store = new EventStore(ds, ContractsJson.mapper());
            ShipmentCommands commands = new ShipmentCommands(store);
            ShipmentDetails details = ContractsJson.mapper().readValue(Files.readString(Path.of(a[3])).replace("__REFERENCE__", "BENCH"), ShipmentDetails.class);
            List<Connection> conns = new ArrayList<>();
            for (int i = 0; i < threads; i++) { Connection c = ds.getConnection(); c.setAutoCommit(false); conns.add(c); }
            List<Integer> pids = new ArrayList<>();
            for (Connection c : conns) { ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()"); rs.next(); pids.add(rs.getInt(1)); c.commit(); }
            // warm-up
            run(mode, conns, commands, details, Math.min(500, count));
            statements.set(0);
            long cpu0 = cpu(pids); long t0 = System.nanoTime();
            run(mode, conns, commands, details, count);
            long t1 = System.nanoTime(); long cpu1 = cpu(pids);
            double secs = (t1 - t0) / 1e9;
            long ticks = Long.parseLong(new String(new ProcessBuilder("getconf", "CLK_TCK").start().getInputStream().readAllBytes()).trim());
            System.out.printf("mode=%s threads=%d intakes=%d wall=%.2fs rate=%.0f/s statements/intake=%.2f pg-backend-cpu/intake=%.3f ms%n",
                    mode, threads, count, secs, count / secs, statements.get() / (double) count, (cpu1 - cpu0) * 1000.0 / ticks / count);
            for (Connection c : conns) c.close();
            System.exit(0);
        } finally {
            try (Connection admin = DriverManager.getConnection(server + "/postgres", user, "")) {
                admin.createStatement().execute("DROP DATABASE " + db + " WITH (FORCE)");
            }
        }
    }

    static void run(String mode, List<Connection> conns, ShipmentCommands commands, ShipmentDetails details, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(conns.size());
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (Connection raw : conns) {
            Connection c = counting(raw);
            fs.add(pool.submit(() -> {
                while (next.getAndIncrement() < count) {
                    String id = UUID.randomUUID().toString();
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, shipment_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                        insert.setString(1, "acme"); insert.setString(2, id); insert.setString(3, "h"); insert.setString(4, id);
                        insert.executeUpdate();
                    }
                    AcceptShipment cmd = new AcceptShipment(id, "acme", details, OffsetDateTime.now(ZoneOffset.UTC));
                    EventMetadata meta = EventMetadata.of("acme", id, null);
                    if (mode.equals("accept")) {
                        commands.accept(c, cmd, meta);
                    } else {
                        commands.handle(c, id, cmd, meta);
                        ShipmentViews.find(c, id).orElseThrow();
                    }
                    c.commit(); statements.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
    }

    /** Counts every statement sent to the server (execute*, executeBatch; commit counted by the caller). */
    static Connection counting(Connection c) {
        return (Connection) Proxy.newProxyInstance(IntakeSql.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
            Object r = invoke(m, c, args);
            if (r instanceof PreparedStatement ps) {
                return Proxy.newProxyInstance(IntakeSql.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p2, m2, a2) -> {
                    if (m2.getName().startsWith("execute")) statements.incrementAndGet();
                    return invoke(m2, ps, a2);
                });
            }
            return r;
        });
    }

    static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try { return m.invoke(target, args); } catch (InvocationTargetException e) { throw e.getCause(); }
    }

    static long cpu(List<Integer> pids) throws Exception {
        long sum = 0;
        for (int pid : pids) {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        return sum;
    }
}
