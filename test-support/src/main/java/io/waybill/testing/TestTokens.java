package io.waybill.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Real RS256-signed tokens for tests. The key pair is made per JVM, so no key is committed; the
 * service under test verifies signatures with {@code quarkus.oidc.public-key} set to {@link #publicKey()}.
 * Claims follow what the local Keycloak realm issues: {@code tenant} and {@code realm_access.roles}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://waybill.test/realms/waybill";

    private static final KeyPair KEYS = generate();
    private static final KeyPair FOREIGN_KEYS = generate();

    private TestTokens() {
    }

    /** Base64 X.509 public key, the format {@code quarkus.oidc.public-key} takes. */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String erp(String tenant) {
        return token(tenant, List.of("erp"));
    }

    public static String carrier(String tenant) {
        return token(tenant, List.of("carrier"));
    }

    public static String admin() {
        return token("*", List.of("admin"));
    }

    public static String token(String tenant, List<String> roles) {
        return sign(tenant, roles, Instant.now().plusSeconds(600), KEYS.getPrivate());
    }

    public static String expired(String tenant) {
        return sign(tenant, List.of("erp"), Instant.now().minusSeconds(3600), KEYS.getPrivate());
    }

    /** Well-formed and signed, but by a key the service does not trust. */
    public static String forged(String tenant) {
        return sign(tenant, List.of("erp", "admin"), Instant.now().plusSeconds(600), FOREIGN_KEYS.getPrivate());
    }

    private static String sign(String tenant, List<String> roles, Instant expiresAt, PrivateKey key) {
        var claims = Jwt.issuer(ISSUER)
                .subject("client-" + tenant)
                .claim("azp", "client-" + tenant)
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(expiresAt.minusSeconds(900))
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        return claims.jws().keyId("waybill-test").sign(key);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
