package dev.persona.cli.jwt;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * The suite's bearer tokens, with jose4j: RS256 JWTs whose {@code groups} claim holds the roles and whose
 * {@code tenants} claim the tenants ({@code *}: every tenant), as the services verify them.
 */
public final class Jwts {

    /** The issuer the services expect unless PERSONA_JWT_ISSUER says otherwise. */
    public static final String DEFAULT_ISSUER = "persona-dev";
    /** The {@code tenants} entry that grants every tenant. */
    public static final String ALL_TENANTS = "*";

    private static final String GROUPS = "groups";
    private static final String TENANTS = "tenants";

    private Jwts() {
    }

    /** What a token grants, as it is about to be signed. */
    public record Grant(String issuer, String subject, List<String> roles, List<String> tenants, Duration ttl) {

        public Grant {
            roles = List.copyOf(roles);
            tenants = List.copyOf(tenants);
            if (tenants.isEmpty()) {
                throw new IllegalArgumentException("a token needs at least one tenant (" + ALL_TENANTS + ": all)");
            }
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("a token's lifetime must be positive, got " + ttl);
            }
        }
    }

    /**
     * The claims read from a token.
     *
     * @param expiresAt its {@code exp}, when it has one
     */
    public record Claims(String issuer, String subject, List<String> roles, List<String> tenants,
                         Optional<Instant> expiresAt) {

        /** The one tenant the token grants, when it grants exactly one (and not all). */
        public Optional<String> onlyTenant() {
            return tenants.size() == 1 && !tenants.get(0).equals(ALL_TENANTS) ? Optional.of(tenants.get(0))
                    : Optional.empty();
        }
    }

    /** Signs a token for {@code grant} with RS256, issued at {@code now}. */
    public static String sign(Grant grant, PrivateKey key, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(grant.issuer());
        claims.setSubject(grant.subject());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(grant.ttl()).getEpochSecond()));
        claims.setStringListClaim(GROUPS, grant.roles());
        claims.setStringListClaim(TENANTS, grant.tenants());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalArgumentException("the token cannot be signed with this key: " + e.getMessage(), e);
        }
    }

    /**
     * A token's claims read without checking its signature or expiry (the services check them); empty when it is not
     * a JWT with readable claims.
     */
    public static Optional<Claims> read(String token) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setSkipAllValidators()
                .setDisableRequireSignature()
                .setSkipSignatureVerification()
                .build();
        return claims(consumer, token);
    }

    /**
     * A token's claims when it is signed with RS256 by the key pair of {@code key}, names {@code issuer} and has not
     * expired at {@code now}; empty otherwise.
     */
    public static Optional<Claims> verify(String token, PublicKey key, String issuer, Instant now) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(issuer)
                .setRequireExpirationTime()
                .setEvaluationTime(NumericDate.fromSeconds(now.getEpochSecond()))
                .build();
        return claims(consumer, token);
    }

    private static Optional<Claims> claims(JwtConsumer consumer, String token) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            NumericDate exp = claims.getExpirationTime();
            return Optional.of(new Claims(claims.getIssuer(), claims.getSubject(), strings(claims, GROUPS),
                    strings(claims, TENANTS),
                    Optional.ofNullable(exp).map(e -> Instant.ofEpochSecond(e.getValue()))));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /** A claim holding a list of strings, or one string (which the services accept too); empty when absent. */
    private static List<String> strings(JwtClaims claims, String name) throws MalformedClaimException {
        Object value = claims.getClaimValue(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String one) {
            return List.of(one);
        }
        return List.copyOf(claims.getStringListClaimValue(name));
    }
}
