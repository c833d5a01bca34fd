package io.waybill.fulfillment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The partners as third parties: Ongoing WMS stood in by WireMock with its documented payloads, and a real
 * SFTP server (Apache MINA SSHD) for the file-drop 3PL, its files in a temporary folder. Tenant
 * {@link #ONGOING_TENANT} has an Ongoing account, {@link #FILE_TENANT} a file-drop one.
 */
public class PartnersTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ONGOING_TENANT = "ongoing-tenant";
    public static final String FILE_TENANT = "filedrop-tenant";
    public static final String CALLBACK_TOKEN = "callback-token-for-tests";
    public static final String ARTICLES = """
            [{"articleSystemId": 1, "articleNumber": "SKU-1", "inventoryInfo": {"numberOfItems": 40, "sellableNumberOfItems": 35, "allocatedNumberOfItems": 5}},
             {"articleSystemId": 2, "articleNumber": "SKU-2", "inventoryInfo": {"numberOfItems": 0, "sellableNumberOfItems": 0, "allocatedNumberOfItems": 0}}]
            """;

    public static WireMockServer ongoing;
    public static Path sftpRoot;
    private static SshServer sftp;
    private static int sftpPort;

    @Override
    public Map<String, String> start() {
        ongoing = new WireMockServer(options().dynamicPort());
        ongoing.start();
        ongoing.stubFor(get(urlPathEqualTo("/api/v1/articles")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ARTICLES)));
        try {
            sftpRoot = Files.createTempDirectory("filedrop-partner");
            Files.createDirectories(sftpRoot.resolve("orders"));
            Files.createDirectories(sftpRoot.resolve("confirmations"));
            try (ServerSocket socket = new ServerSocket(0)) {
                sftpPort = socket.getLocalPort();
            }
            startSftp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        String ongoingPrefix = "waybill.fulfillment.tenants." + ONGOING_TENANT + ".ongoing.";
        config.put(ongoingPrefix + "baseUrl", ongoing.baseUrl() + "/api/v1");
        config.put(ongoingPrefix + "username", "waybill");
        config.put(ongoingPrefix + "password", "ongoing-password");
        config.put(ongoingPrefix + "goodsOwnerId", "17");
        config.put(ongoingPrefix + "callbackToken", CALLBACK_TOKEN);
        config.put(ongoingPrefix + "warehouse", "STO");
        config.put(ongoingPrefix + "timeoutMs", "3000");
        String filePrefix = "waybill.fulfillment.tenants." + FILE_TENANT + ".file-drop.";
        config.put(filePrefix + "host", "127.0.0.1");
        config.put(filePrefix + "port", String.valueOf(sftpPort));
        config.put(filePrefix + "username", "waybill");
        config.put(filePrefix + "password", "sftp-password");
        config.put(filePrefix + "ordersDir", "/orders");
        config.put(filePrefix + "inboxDir", "/confirmations");
        config.put(filePrefix + "timeoutMs", "3000");
        return config;
    }

    /** The partner's SFTP server comes (back) up on the same port. */
    public static synchronized void startSftp() throws IOException {
        sftp = SshServer.setUpDefaultServer();
        sftp.setPort(sftpPort);
        sftp.setHost("127.0.0.1");
        sftp.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(sftpRoot.getParent().resolve(sftpRoot.getFileName() + ".hostkey")));
        sftp.setPasswordAuthenticator((user, password, session) -> "waybill".equals(user) && "sftp-password".equals(password));
        sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sftp.setFileSystemFactory(new VirtualFileSystemFactory(sftpRoot));
        sftp.start();
    }

    /** The partner's SFTP server goes down. */
    public static synchronized void stopSftp() throws IOException {
        sftp.stop(true);
    }

    @Override
    public void stop() {
        try {
            if (sftp != null) {
                sftp.stop(true);
            }
        } catch (IOException ignored) {
            // the JVM ends anyway
        }
        if (ongoing != null) {
            ongoing.stop();
        }
    }
}
