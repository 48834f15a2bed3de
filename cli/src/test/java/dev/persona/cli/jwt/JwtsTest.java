package dev.persona.cli.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtsTest {

    private static final KeyPair KEYS = KeyFiles.generate();
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static String sign(List<String> tenants, Duration ttl) {
        return Jwts.sign(new Jwts.Grant("persona-dev", "alice", List.of("recommend", "ingest"), tenants, ttl),
                KEYS.getPrivate(), NOW);
    }

    @Test
    void aSignedTokenReadsBackWithItsClaims() {
        String token = sign(List.of("acme", "globex"), Duration.ofHours(1));
        Jwts.Claims claims = Jwts.read(token).orElseThrow();
        assertEquals("persona-dev", claims.issuer());
        assertEquals("alice", claims.subject());
        assertEquals(List.of("recommend", "ingest"), claims.roles());
        assertEquals(List.of("acme", "globex"), claims.tenants());
        assertEquals(Optional.of(NOW.plusSeconds(3600)), claims.expiresAt());
        assertEquals(Optional.empty(), claims.onlyTenant());
    }

    @Test
    void theHeaderNamesRs256AndTheClaimsCarryIatAndExp() {
        String[] parts = sign(List.of("acme"), Duration.ofMinutes(5)).split("\\.");
        assertEquals(3, parts.length);
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"alg\":\"RS256\""), header);
        assertTrue(header.contains("\"typ\":\"JWT\""), header);
        assertTrue(payload.contains("\"iat\":" + NOW.getEpochSecond()), payload);
        assertTrue(payload.contains("\"exp\":" + (NOW.getEpochSecond() + 300)), payload);
        assertTrue(payload.contains("\"tenants\":[\"acme\"]"), payload);
    }

    @Test
    void verifyChecksSignatureIssuerAndExpiry() {
        String token = sign(List.of("acme"), Duration.ofHours(1));
        assertEquals(Optional.of("acme"), Jwts.verify(token, KEYS.getPublic(), "persona-dev", NOW)
                .flatMap(Jwts.Claims::onlyTenant));
        assertEquals(Optional.empty(), Jwts.verify(token, KeyFiles.generate().getPublic(), "persona-dev", NOW));
        assertEquals(Optional.empty(), Jwts.verify(token, KEYS.getPublic(), "elsewhere", NOW));
        assertEquals(Optional.empty(), Jwts.verify(token, KEYS.getPublic(), "persona-dev", NOW.plusSeconds(7200)));
    }

    @Test
    void allTenantsIsNotOneTenant() {
        assertEquals(Optional.empty(), Jwts.read(sign(List.of("*"), Duration.ofHours(1)))
                .flatMap(Jwts.Claims::onlyTenant));
    }

    @Test
    void whatIsNotAJwtReadsAsNothing() {
        assertEquals(Optional.empty(), Jwts.read("not-a-jwt"));
        assertEquals(Optional.empty(), Jwts.read(""));
    }

    @Test
    void aGrantNeedsATenantAndAPositiveLifetime() {
        assertThrows(IllegalArgumentException.class, () -> sign(List.of(), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> sign(List.of("acme"), Duration.ZERO));
    }

    @Test
    void rolesAreTheSevenNames() {
        assertEquals(List.of("analyst", "admin"), Roles.require(List.of("analyst", "admin")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Roles.require(List.of("recommend", "root")));
        assertTrue(unknown.getMessage().startsWith("unknown role 'root'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Roles.require(List.of()));
    }
}
