package io.waybill.e2e;

import io.waybill.testing.TestDatabase;
import io.waybill.testing.TestInfrastructure;
import io.waybill.testing.TestKafka;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole suite as it runs on a machine: the local platform (deploy/local/platform.sh infra: Kafka,
 * PostgreSQL, Keycloak) and the six packaged services, each started from a copy of its
 * target/quarkus-app on free ports with a fresh database of its own.
 */
final class LocalSuite implements AutoCloseable {

    static final String KEYCLOAK = "http://127.0.0.1:" + env("WAYBILL_KEYCLOAK_PORT", "8180");
    static final String REALM = KEYCLOAK + "/realms/waybill";
    /** The sandbox carrier's webhook secret in this suite (the services have no default outside dev/test). */
    static final String WEBHOOK_SECRET = "e2e-sandbox-webhook-secret";

    final Path root = Path.of(System.getProperty("waybill.root", "..")).toAbsolutePath().normalize();
    final Path work = root.resolve("e2e/target/suite");
    final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<TestDatabase> databases = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalSuite shared;

    /**
     * The one suite of this test JVM, started on first use and stopped when the JVM exits: the
     * five services take most of a minute to start, so test classes share them.
     */
    static synchronized LocalSuite shared() throws Exception {
        if (shared == null) {
            LocalSuite suite = new LocalSuite();
            Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "local-suite-stop"));
            suite.start();
            shared = suite;
        }
        return shared;
    }

    void start() throws Exception {
        platform("test-infra");
        platform("keycloak");
        for (String service : List.of("order-service", "label-service", "tracking-service", "returns-service",
                "fulfillment-service", "gateway")) {
            ports.put(service, freePort());
        }
        startService("order-service", "ORDER", database("waybill_e2e_order"));
        startService("label-service", "LABEL", database("waybill_e2e_label"));
        startService("tracking-service", "TRACKING", database("waybill_e2e_tracking"));
        startService("returns-service", "RETURNS", database("waybill_e2e_returns"));
        startService("fulfillment-service", "FULFILLMENT", database("waybill_e2e_fulfillment"));
        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("GATEWAY_PORT", String.valueOf(ports.get("gateway")));
        gateway.put("ORDER_SERVICE_URL", url("order-service"));
        gateway.put("LABEL_SERVICE_URL", url("label-service"));
        gateway.put("TRACKING_SERVICE_URL", url("tracking-service"));
        gateway.put("RETURNS_SERVICE_URL", url("returns-service"));
        gateway.put("FULFILLMENT_SERVICE_URL", url("fulfillment-service"));
        // The suite sends thousands of requests from one client (BadInputSweepTest); rate limiting is the
        // gateway's own tests' subject, so here it stays out of the way.
        for (String limit : List.of("API", "WEBHOOKS", "TRACK")) {
            gateway.put("WAYBILL_RATE_LIMIT_" + limit + "_CAPACITY", "1000000");
            gateway.put("WAYBILL_RATE_LIMIT_" + limit + "_RATE", "1000000");
        }
        // Webhook subscriptions and deliveries (docs/gateway.md).
        TestDatabase gatewayDb = database("waybill_e2e_gateway");
        gateway.put("GATEWAY_DB_URL", gatewayDb.jdbcUrl());
        gateway.put("GATEWAY_DB_USER", gatewayDb.user());
        gateway.put("GATEWAY_DB_PASSWORD", gatewayDb.password());
        gateway.put("WAYBILL_WEBHOOK_SECRET_KEY", "ZTJlLW9ubHktd2ViaG9vay1zZWNyZXQta2V5LTAwMDA=");
        // The partner's receiver in GatewayPartnerApiTest listens on http://127.0.0.1 (off by default in prod).
        gateway.put("WAYBILL_WEBHOOKS_ALLOW_INSECURE_LOCALHOST", "true");
        launch("gateway", gateway);
        for (String service : ports.keySet()) {
            awaitReady(service);
        }
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private TestDatabase database(String prefix) {
        TestDatabase database = TestDatabase.create(prefix);
        databases.add(database);
        return database;
    }

    private void startService(String service, String prefix, TestDatabase database) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(service)));
        env.put(prefix + "_DB_URL", database.jdbcUrl());
        env.put(prefix + "_DB_USER", database.user());
        env.put(prefix + "_DB_PASSWORD", database.password());
        launch(service, env);
    }

    private void launch(String service, Map<String, String> env) throws IOException {
        Path built = root.resolve(service).resolve("target/quarkus-app");
        if (!Files.isRegularFile(built.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(service + " is not packaged: " + built + " (run ./mvnw verify from the root)");
        }
        // Run from a copy: rebuilding target/ under a running service breaks it.
        Path copy = work.resolve(service);
        copyTree(built, copy);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx384m",
                "-jar", "quarkus-run.jar")
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(service + ".log").toFile());
        builder.environment().putAll(env);
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrap());
        // A consumer group of this run, at the end of the topics: the suite does not replay the
        // shared broker's history (other test runs, demos, benchmarks).
        String group = "e2e-" + service + "-" + UUID.randomUUID();
        TestKafka.startGroupAtEnd(group);
        builder.environment().put("KAFKA_GROUP_ID", group);
        // The gateway's other consumers (partner webhooks, tracking page) start at the end too.
        TestKafka.startGroupAtEnd(group + "-webhooks");
        TestKafka.startGroupAtEnd(group + "-track");
        builder.environment().put("GATEWAY_TRACK_CONSUMER_GROUP", group + "-track");
        builder.environment().put("WAYBILL_OIDC_URL", REALM);
        builder.environment().put("WAYBILL_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET);
        builder.environment().put("WAYBILL_RETURNS_SANDBOX_WEBHOOK_SECRET", WEBHOOK_SECRET);
        processes.add(builder.start());
    }

    private void awaitReady(String service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service + " not ready after 120 s (" + last + "); see " + work.resolve(service + ".log"));
    }

    void platform(String command) throws Exception {
        Process process = new ProcessBuilder("bash", root.resolve("deploy/local/platform.sh").toString(), command)
                .directory(root.toFile()).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("deploy/local/platform.sh " + command + " failed");
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        databases.forEach(TestDatabase::close);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                old.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
