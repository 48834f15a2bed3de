package dev.persona.cli.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.persona.cli.CliRun;
import dev.persona.cli.jwt.Jwts;
import dev.persona.cli.jwt.KeyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code persona token} and {@code persona security init} through the command line. */
class TokenCommandTest {

    @TempDir
    Path dir;

    private final KeyPair keys = KeyFiles.generate();
    private Path key;

    @BeforeEach
    void writeKey() throws IOException {
        key = dir.resolve("signing.pem");
        KeyFiles.writePrivate(key, keys.getPrivate());
    }

    @Test
    void printsATokenSignedWithTheKeyThatGrantsWhatWasAsked() {
        Instant before = Instant.now().minusSeconds(1);
        CliRun run = CliRun.of("token", "--tenant", "acme,globex", "--roles", "recommend,profile-read", "--ttl", "2h",
                "--subject", "campaign-tool", "--issuer", "persona-dev", "--key", key.toString());
        assertEquals(0, run.exitCode(), run::toString);
        String token = run.out().strip();
        Jwts.Claims claims = Jwts.verify(token, keys.getPublic(), "persona-dev", Instant.now()).orElseThrow();
        assertEquals("campaign-tool", claims.subject());
        assertEquals(List.of("recommend", "profile-read"), claims.roles());
        assertEquals(List.of("acme", "globex"), claims.tenants());
        Instant expires = claims.expiresAt().orElseThrow();
        assertTrue(!expires.isBefore(before.plus(Duration.ofHours(2)).minusSeconds(1))
                && !expires.isAfter(Instant.now().plus(Duration.ofHours(2))), expires::toString);
        assertEquals("", run.err());
    }

    @Test
    void theIssuerDefaultsToPersonaDev() {
        assumeTrue(System.getenv("PERSONA_JWT_ISSUER") == null, "PERSONA_JWT_ISSUER is set in this environment");
        CliRun run = CliRun.of("token", "--tenant", "*", "--roles", "admin", "--key", key.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("persona-dev", Jwts.read(run.out().strip()).orElseThrow().issuer());
    }

    @Test
    void anUnknownRoleIsRefused() {
        CliRun run = CliRun.of("token", "--tenant", "acme", "--roles", "recommend,root", "--key", key.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--roles: unknown role 'root'; roles: recommend, ingest, profile-read, analyst, "
                + "privacy, service, admin"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void withoutAKeyNothingIsSigned() {
        Path missing = dir.resolve("none.pem");
        CliRun run = CliRun.of("token", "--tenant", "acme", "--roles", "recommend", "--key", missing.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no signing key at " + missing), run::toString);
        assertTrue(run.err().contains("persona security init"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void aBadLifetimeIsRefused() {
        CliRun run = CliRun.of("token", "--tenant", "acme", "--roles", "recommend", "--ttl", "soon", "--key",
                key.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("not a lifetime"), run::toString);
    }

    @Test
    void securityInitCreatesAKeyTheTokenCommandSignsWithAndTheTlsFiles() throws IOException {
        Path security = dir.resolve("security");
        CliRun init = CliRun.of("security", "init", "--dir", security.toString());
        assertEquals(0, init.exitCode(), init::toString);
        assertTrue(init.out().contains("minted   " + security.resolve("developer.jwt")), init::toString);
        assertTrue(init.out().contains("created  " + security.resolve("ca.pem")), init::toString);
        assertTrue(init.out().contains("issued   " + security.resolve("tls.crt")), init::toString);
        CliRun again = CliRun.of("security", "init", "--dir", security.toString());
        assertTrue(again.out().lines().allMatch(line -> line.startsWith("kept")), again::toString);
        CliRun token = CliRun.of("token", "--tenant", "acme", "--roles", "ingest", "--issuer", "persona-dev", "--key",
                security.resolve("jwt-private.pem").toString());
        assertEquals(0, token.exitCode(), token::toString);
        assertTrue(Jwts.verify(token.out().strip(), KeyFiles.readPublic(security.resolve("jwt-public.pem")),
                "persona-dev", Instant.now()).isPresent());
    }
}
