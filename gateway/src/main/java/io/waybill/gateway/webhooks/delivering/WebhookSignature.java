package io.waybill.gateway.webhooks.delivering;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Waybill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, the scheme tracking-service
 * checks on carriers' webhooks, so partners verify ours the same way. Signing the timestamp lets the receiver
 * refuse replays of an old delivery.
 */
public final class WebhookSignature {

    public static final String HEADER = "Waybill-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
