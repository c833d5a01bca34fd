package io.waybill.gateway.webhooks.delivering;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.waybill.gateway.webhooks.ReceiverPolicy;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery-time SSRF guard: the partner's host is resolved and checked right before the attempt, and the
 * connection goes to the checked address while Host, TLS server name and certificate keep the partner's name.
 * DNS is stood in by a fixed zone (names -> addresses); the receivers are real HTTP and HTTPS servers on loopback.
 */
class WebhookSenderTest {

    static final String PARTNER = "partner.waybill.test";
    static final byte[] PAYLOAD = "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);

    static Vertx vertx;
    static HttpServer http;
    static HttpsServer https;
    static Path certificate;
    static final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        vertx = Vertx.vertx();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", WebhookSenderTest::answer);
        http.start();
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls(dir)));
        https.createContext("/", WebhookSenderTest::answer);
        https.start();
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        https.stop(0);
        vertx.close();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        exchange.getRequestBody().readAllBytes();
        hosts.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestURI());
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /** A key pair and self-signed certificate for {@link #PARTNER}, made by the JDK's keytool. */
    private static SSLContext tls(Path dir) throws Exception {
        Path keystore = dir.resolve("partner.p12");
        certificate = dir.resolve("partner.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "partner", "-keyalg", "EC", "-dname", "CN=" + PARTNER,
                "-ext", "SAN=dns:" + PARTNER, "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "partner", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", certificate.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
    }

    /** The names of these tests; any other name does not resolve. */
    static ReceiverPolicy.Resolver zone(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    static WebhookSender sender(boolean allowLoopback, Map<String, String> names) {
        return new WebhookSender(vertx, Duration.ofSeconds(5), new ReceiverPolicy(allowLoopback, zone(names)),
                options -> options.setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString())));
    }

    static WebhookSender.Outcome send(WebhookSender sender, String url) {
        return sender.send(url, "d-1", "whsec_test", PAYLOAD, Instant.now());
    }

    @Test
    void aNameThatResolvesInwardAtDeliveryTimeIsNotCalled() {
        // Accepted when it pointed outward; now the name resolves to loopback, where a receiver is listening.
        WebhookSender sender = sender(false, Map.of(PARTNER, "127.0.0.1"));
        hosts.clear();
        WebhookSender.Outcome outcome = send(sender, "https://" + PARTNER + ":" + https.getAddress().getPort() + "/in");
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).isEqualTo("refused: the URL resolves to a loopback address");
        WebhookSender.Outcome metadata = send(sender(false, Map.of(PARTNER, "169.254.169.254")),
                "https://" + PARTNER + "/latest/meta-data/");
        assertThat(metadata.error()).isEqualTo("refused: the URL resolves to a link-local address");
        assertThat(hosts).isEmpty();
        sender.close();
    }

    @Test
    void theCheckedAddressIsTheOneConnectedToUnderThePartnersName() {
        // Loopback allowed (dev/test switch): the same name now reaches the HTTPS receiver; TLS verified the
        // certificate against the partner's name although the connection went to 127.0.0.1.
        WebhookSender sender = sender(true, Map.of(PARTNER, "127.0.0.1"));
        hosts.clear();
        int port = https.getAddress().getPort();
        WebhookSender.Outcome outcome = send(sender, "https://" + PARTNER + ":" + port + "/in?x=1");
        assertThat(outcome).isEqualTo(new WebhookSender.Outcome(true, 204, null));
        assertThat(hosts).containsExactly(PARTNER + ":" + port + " /in?x=1");
        sender.close();
    }

    @Test
    void theCertificateMustMatchTheName() {
        // Another name resolving to the same receiver: its certificate is not for that name.
        WebhookSender sender = sender(true, Map.of("other.waybill.test", "127.0.0.1"));
        hosts.clear();
        WebhookSender.Outcome outcome = send(sender, "https://other.waybill.test:" + https.getAddress().getPort() + "/in");
        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.error()).isEqualTo("TLS handshake failed");
        assertThat(hosts).isEmpty();
        sender.close();
    }

    @Test
    void plainHttpToLoopbackOnlyUnderTheSwitch() {
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/plain";
        hosts.clear();
        assertThat(send(sender(false, Map.of()), url).error()).startsWith("refused: the URL must use https");
        assertThat(hosts).isEmpty();
        assertThat(send(sender(true, Map.of()), url)).isEqualTo(new WebhookSender.Outcome(true, 204, null));
        assertThat(send(sender(true, Map.of()), "https://nowhere.waybill.test/x").error()).isEqualTo("host not found");
    }
}
