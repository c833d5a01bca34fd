package io.waybill.gateway.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-subscription signing secrets: made here, shown once, kept encrypted (AES-256-GCM). Hashing would not
 * do: every delivery is signed with the secret itself. The secret never appears in logs, events or errors.
 */
@ApplicationScoped
public class SigningSecrets {

    private static final String PREFIX = "whsec_";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SigningSecrets(WebhooksConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.secretEncryptionKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("waybill.webhooks.secret-encryption-key is not Base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("waybill.webhooks.secret-encryption-key must be 32 bytes (Base64 of 256 bits)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** A new secret: 32 random bytes, Base64url, with a recognizable prefix (secret scanners look for it). */
    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public byte[] encrypt(String secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a signing secret", e);
        }
    }

    public String decrypt(byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // Wrong key (rotated without re-encrypting?) or tampered row; the message names neither secret nor key.
            throw new IllegalStateException("Cannot decrypt a signing secret: " + e.getClass().getSimpleName());
        }
    }
}
