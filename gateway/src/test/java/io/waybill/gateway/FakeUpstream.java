package io.waybill.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for one service: records what reached it and answers with a JSON echo of it, so a test sees
 * through the gateway what the service got. A path ending in {@code /slow} answers only after
 * {@link #SLOW_MILLIS}; header {@code X-Fake-Status} picks the status, {@code X-Fake-Delay-Millis} delays the answer.
 * {@code /q/openapi} serves a trimmed copy of the service's OpenAPI document (test resources {@code fake-openapi/}).
 */
final class FakeUpstream {

    static final long SLOW_MILLIS = 5_000;

    record Received(String method, String uri, Map<String, String> headers, int bodyLength) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpServer server;
    private final ExecutorService workers;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeUpstream(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread per exchange: a slow answer must not hold up the other tests' requests.
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeUpstream start(String name) {
        try {
            return new FakeUpstream(name);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start fake " + name, e);
        }
    }

    /** A loopback port nothing listens on: connecting to it is refused at once. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** The service's OpenAPI document from test resources {@code fake-openapi/<service>.json}, as Quarkus serves it. */
    private void serveOpenApi(HttpExchange exchange) throws IOException {
        try (var document = FakeUpstream.class.getResourceAsStream("/fake-openapi/" + name + ".json")) {
            if (document == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = document.readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((header, values) ->
                    headers.put(header.toLowerCase(Locale.ROOT), String.join(",", values)));
            String uri = exchange.getRequestURI().toString();
            received.add(new Received(exchange.getRequestMethod(), uri, headers, body.length));

            if (exchange.getRequestURI().getPath().equals("/q/openapi")) {
                serveOpenApi(exchange);
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                Thread.sleep(SLOW_MILLIS);
            }
            String delay = exchange.getRequestHeaders().getFirst("X-Fake-Delay-Millis");
            if (delay != null) {
                Thread.sleep(Long.parseLong(delay));
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("service", name);
            echo.put("method", exchange.getRequestMethod());
            echo.put("uri", uri);
            echo.put("headers", headers);
            echo.put("bodyLength", body.length);
            echo.put("body", body.length <= 1024 ? new String(body, StandardCharsets.UTF_8) : null);
            byte[] answer = JSON.writeValueAsBytes(echo);
            String status = exchange.getRequestHeaders().getFirst("X-Fake-Status");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status == null ? 200 : Integer.parseInt(status), answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // The gateway gave up on this exchange (timeout, body limit): nothing to answer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
