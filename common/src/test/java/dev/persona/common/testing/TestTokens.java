package dev.persona.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Tokens for tests, signed with the test key pair the services trust in the test profile (issuer
 * {@code persona-test}). Tests get them through {@link TenantStubs}; a test of the access rules mints its own here.
 */
public final class TestTokens {

    public static final String ISSUER = "persona-test";
    private static final PrivateKey KEY = load();

    private TestTokens() {
    }

    /** A token for {@code subject} with these roles and tenants ({@code "*"}: all), valid for an hour. */
    public static String token(String subject, List<String> roles, List<String> tenants) {
        return sign(subject, roles, tenants, 3600);
    }

    /** An administrator's token for one tenant. */
    public static String admin(String tenant) {
        return token("test-admin", List.of("admin"), List.of(tenant));
    }

    /** A platform administrator's token: admin of every tenant, as the one who registers tenants holds. */
    public static String platformAdmin() {
        return token("platform-admin", List.of("admin"), List.of("*"));
    }

    /** A token that expired {@code -ttlSeconds} ago when {@code ttlSeconds} is negative. */
    public static String sign(String subject, List<String> roles, List<String> tenants, long ttlSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttlSeconds / 60f);
        claims.setStringListClaim("groups", roles);
        claims.setStringListClaim("tenants", tenants);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(KEY);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey load() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/security/test-jwt-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the test signing key cannot be read", e);
        }
    }
}
