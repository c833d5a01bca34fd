package io.waybill.label.carrieraccounts;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * AES-256-GCM for credentials at rest. Keys come from configuration:
 * {@code waybill.labels.credentials.keys.<key id>} = base64 of 32 random bytes (from a secret, never
 * from application.properties in production; a blank value, such as an unset environment variable, is
 * ignored), and {@code waybill.labels.credentials.active-key} names the one new credentials are sealed
 * with. Older keys stay configured until every account sealed with them is gone (rotation).
 *
 * <p>Sealing: a fresh 96-bit nonce per sealing, a 128-bit tag, and the
 * account's id and tenant as associated data, so a sealed blob copied to another row does not open.
 * The key id is stored beside the blob for rotation. Without a configured key the carrier-accounts
 * API is unavailable (503); nothing falls back to storing credentials in the clear.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final String KEYS = "waybill.labels.credentials.keys.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    private final Optional<String> activeKey;
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    public CredentialCipher(Config config) {
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(KEYS)) {
                continue;
            }
            String id = name.substring(KEYS.length());
            Optional<String> base64 = config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
            if (base64.isEmpty()) {
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64.get().trim());
            } catch (IllegalArgumentException e) {
                raw = new byte[0];
            }
            if (raw.length != 32) {
                throw new IllegalStateException(name + " must be base64 of 32 bytes");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        }
        this.activeKey = config.getOptionalValue("waybill.labels.credentials.active-key", String.class)
                .filter(id -> !id.isBlank());
        if (activeKey.isPresent() && !keys.containsKey(activeKey.get())) {
            throw new IllegalStateException("waybill.labels.credentials.active-key names no configured key");
        }
    }

    public boolean configured() {
        return activeKey.isPresent();
    }

    public Sealed seal(String plaintext, String associatedData) {
        String keyId = activeKey.orElseThrow(() -> new IllegalStateException("no credential key configured"));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keyId, nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("credentials could not be encrypted", e);
        }
    }

    public String open(Sealed sealed, String associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("credential key " + sealed.keyId() + " is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Deliberately without the cause's details: nothing about the blob or key leaves here.
            throw new IllegalStateException("credentials could not be decrypted (wrong key or tampered data)");
        }
    }
}
