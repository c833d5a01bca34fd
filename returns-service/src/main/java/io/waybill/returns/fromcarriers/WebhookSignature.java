package io.waybill.returns.fromcarriers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Waybill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, the scheme
 * tracking-service's carrier webhooks use. A deliberate copy (ADR 0007: each service owns its HTTP
 * edge; the carriers module is not a dependency of this service). The timestamp is signed too, so an
 * old request cannot be replayed with a fresh time; outside the tolerance it is refused.
 */
public final class WebhookSignature {

    public static final String HEADER = "Waybill-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + body);
    }

    /** Null when valid, else why not (never echoing the secret or the expected signature). */
    public static String problem(String secret, String header, String body, Instant now) {
        if (header == null || header.isBlank()) {
            return "missing " + HEADER + " header";
        }
        Long timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return "malformed timestamp";
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signature = kv[1];
            }
        }
        if (timestamp == null || signature == null) {
            return "signature header must carry t= and v1=";
        }
        if (Math.abs(timestamp - now.getEpochSecond()) > TOLERANCE.toSeconds()) {
            return "timestamp outside the allowed window (replay?)";
        }
        byte[] expected = hmac(secret, timestamp + "." + body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return "signature does not match";
        }
        return null;
    }

    private static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
