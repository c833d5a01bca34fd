package io.waybill.fulfillment.partners.filedrop;

import io.waybill.fulfillment.partners.spi.CancelledOrder;
import io.waybill.fulfillment.partners.spi.Exchange;
import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.OpenOrder;
import io.waybill.fulfillment.partners.spi.PartnerAccount;
import io.waybill.fulfillment.partners.spi.PartnerException;
import io.waybill.fulfillment.partners.spi.PartnerMessage;
import io.waybill.fulfillment.partners.spi.PartnerOrder;
import io.waybill.fulfillment.partners.spi.SentOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.xml.sax.SAXException;

/**
 * Partners that take files (Bonver-style 3PLs): an XML order document per shipment written to the partner's
 * SFTP server, and the partner's status / shipment-confirmation (and stock) files read back.
 * <ul>
 * <li>Upload is atomic: {@code order-<shipmentId>.xml.tmp}, then renamed to {@code order-<shipmentId>.xml},
 * so the partner never reads half a file. The name is derived from the shipment, so a repeated send replaces
 * the same file instead of creating a second order.</li>
 * <li>Documents are checked against the order schema before upload (the shipped
 * {@code filedrop/waybill-order-v1.xsd}, or setting {@code orderSchema}: a class-path resource or a file).</li>
 * <li>Reading: only {@code *.xml} files in {@code inboxDir} (partners write other names first), and only once
 * a file's size and time are the same as at the previous poll (a file still being written is left alone).
 * Read files are moved to {@code archiveDir}; unusable ones to {@code rejectedDir} with a
 * {@code <name>.reason.txt} beside them.</li>
 * </ul>
 * Settings: {@code host}, {@code port} (22), {@code username}, {@code password}, {@code hostKeyFingerprint}
 * ({@code SHA256:...}; without it any host key is accepted, with a warning), {@code ordersDir} ({@code /orders}),
 * {@code inboxDir} ({@code /confirmations}), {@code archiveDir} ({@code <inboxDir>/archive}), {@code rejectedDir}
 * ({@code <inboxDir>/rejected}), {@code orderSchema}, {@code timeoutMs} (10000). A cancellation is a
 * {@code cancel-<shipmentId>.xml} document beside the orders, uploaded the same atomic way.
 */
public class FileDropPartner implements FulfillmentPartner {

    static final String CODE = "file-drop";
    private static final Logger LOG = Logger.getLogger(FileDropPartner.class.getName());
    private static final String CONFIRMATION_SCHEMA = "filedrop/waybill-confirmation-v1.xsd";

    private final PartnerAccount account;
    private final String host;
    private final int port;
    private final String ordersDir;
    private final String inboxDir;
    private final String archiveDir;
    private final String rejectedDir;
    private final Duration timeout;
    private final Schema orderSchema;
    private final Schema confirmationSchema;
    /** size:mtime of each inbox file at the previous poll: a file is read once it stops changing. */
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
    private SshClient client;

    FileDropPartner(PartnerAccount account) {
        this.account = account;
        this.host = account.require("host");
        this.port = Integer.parseInt(account.get("port", "22"));
        account.require("username");
        account.require("password");
        this.ordersDir = dir(account.get("ordersDir", "/orders"));
        this.inboxDir = dir(account.get("inboxDir", "/confirmations"));
        this.archiveDir = dir(account.get("archiveDir", inboxDir + "/archive"));
        this.rejectedDir = dir(account.get("rejectedDir", inboxDir + "/rejected"));
        this.timeout = Duration.ofMillis(Long.parseLong(account.get("timeoutMs", "10000")));
        this.orderSchema = schema(account.get("orderSchema", "filedrop/waybill-order-v1.xsd"));
        this.confirmationSchema = schema(CONFIRMATION_SCHEMA);
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public SentOrder sendOrder(PartnerOrder order) throws PartnerException {
        return new SentOrder(order.orderNumber(), upload("order-" + order.orderNumber() + ".xml", OrderDocuments.write(order),
                "order"));
    }

    /**
     * Writes {@code cancel-<shipmentId>.xml} (element {@code Cancellation} of the order schema) the same atomic
     * way; a repeated cancellation replaces it. The partner confirms with a CANCELLED confirmation file, or
     * reports SHIPPED when it was too late.
     */
    @Override
    public CancelledOrder cancelOrder(PartnerOrder order, String partnerReference, String reason) throws PartnerException {
        Exchange uploaded = upload("cancel-" + order.orderNumber() + ".xml", OrderDocuments.writeCancellation(order, reason,
                OffsetDateTime.now(ZoneOffset.UTC)), "cancellation");
        return new CancelledOrder(false, Exchange.file(uploaded.name(), uploaded.outcome() + "; awaiting the partner's confirmation"));
    }

    /** Checks {@code document} against the order schema, then uploads it as {@code <name>.tmp} and renames it. */
    private Exchange upload(String name, byte[] document, String what) throws PartnerException {
        String violation = OrderDocuments.violation(orderSchema, document);
        if (violation != null) {
            throw new PartnerException("FILE_DROP_INVALID_DOCUMENT", "The " + what + " document breaks the partner's schema: "
                    + violation, false);
        }
        String target = ordersDir + "/" + name;
        String temporary = target + ".tmp";
        withSftp("upload " + target, sftp -> {
            try (OutputStream out = sftp.write(temporary)) {
                out.write(document);
            }
            if (exists(sftp, target)) {
                sftp.remove(target); // a repeated send: the same document again, never a second one
            }
            sftp.rename(temporary, target);
            return null;
        });
        return Exchange.file(target, "uploaded (" + document.length + " bytes)");
    }

    @Override
    public List<PartnerMessage> poll(List<OpenOrder> open) throws PartnerException {
        return withSftp("read " + inboxDir, sftp -> {
            List<PartnerMessage> messages = new ArrayList<>();
            Map<String, String> seenNow = new HashMap<>();
            for (SftpClient.DirEntry entry : sftp.readDir(inboxDir)) {
                String name = entry.getFilename();
                if (!entry.getAttributes().isRegularFile() || !name.endsWith(".xml")) {
                    continue; // directories, and files the partner is still writing under another name
                }
                String stamp = entry.getAttributes().getSize() + ":" + entry.getAttributes().getModifyTime();
                seenNow.put(name, stamp);
                if (!stamp.equals(lastSeen.get(name))) {
                    continue; // new or still growing: read it once it has not changed for one poll
                }
                String path = inboxDir + "/" + name;
                byte[] content;
                try (InputStream in = sftp.read(path)) {
                    content = in.readAllBytes();
                }
                messages.add(PartnerDocuments.read(path, content, confirmationSchema));
            }
            lastSeen.clear();
            lastSeen.putAll(seenNow);
            return messages;
        });
    }

    @Override
    public void acknowledge(PartnerMessage message) throws PartnerException {
        move(message.source(), archiveDir, null);
    }

    @Override
    public void reject(PartnerMessage message, String reason) throws PartnerException {
        move(message.source(), rejectedDir, reason);
    }

    private void move(String source, String toDir, String reason) throws PartnerException {
        String name = source.substring(source.lastIndexOf('/') + 1);
        String target = toDir + "/" + name;
        withSftp("move " + source + " to " + toDir, sftp -> {
            ensureDir(sftp, toDir);
            if (exists(sftp, target)) {
                sftp.remove(target); // the partner sent a file of the same name again
            }
            sftp.rename(source, target);
            if (reason != null) {
                try (OutputStream out = sftp.write(target + ".reason.txt")) {
                    out.write(account.redact(reason).getBytes(StandardCharsets.UTF_8));
                }
            }
            lastSeen.remove(name);
            return null;
        });
    }

    private interface SftpWork<T> {
        T apply(SftpClient sftp) throws IOException;
    }

    private <T> T withSftp(String what, SftpWork<T> work) throws PartnerException {
        try (ClientSession session = client().connect(account.require("username"), host, port).verify(timeout).getSession()) {
            session.addPasswordIdentity(account.require("password"));
            session.auth().verify(timeout);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                return work.apply(sftp);
            }
        } catch (SftpException e) {
            throw new PartnerException("FILE_DROP_SFTP_" + e.getStatus(), "SFTP refused to " + what + ": "
                    + account.redact(e.getMessage()), e.getStatus() != SftpConstants.SSH_FX_PERMISSION_DENIED, e);
        } catch (IOException | RuntimeException e) {
            throw new PartnerException("FILE_DROP_UNAVAILABLE", "Cannot " + what + " on " + host + ":" + port + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + account.redact(e.getMessage())),
                    true, e);
        }
    }

    private synchronized SshClient client() {
        if (client == null) {
            SshClient c = SshClient.setUpDefaultClient();
            String fingerprint = account.get("hostKeyFingerprint").orElse(null);
            if (fingerprint == null) {
                LOG.warning(() -> "file-drop for tenant " + account.tenant() + ": no hostKeyFingerprint, any SFTP host key is accepted");
                c.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            } else {
                c.setServerKeyVerifier((session, remote, key) -> fingerprint.equals(KeyUtils.getFingerPrint(key)));
            }
            c.start();
            client = c;
        }
        return client;
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private static void ensureDir(SftpClient sftp, String dir) throws IOException {
        if (!exists(sftp, dir)) {
            sftp.mkdir(dir);
        }
    }

    private static Schema schema(String location) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            URL resource = FileDropPartner.class.getClassLoader().getResource(location);
            return resource != null ? factory.newSchema(resource) : factory.newSchema(Path.of(location).toFile());
        } catch (SAXException e) {
            throw new IllegalArgumentException("file-drop setting 'orderSchema' is not a readable XML schema: " + location);
        }
    }

    private static String dir(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
