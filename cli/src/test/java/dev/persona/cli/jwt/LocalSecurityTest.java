package dev.persona.cli.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecurityTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final List<String> FILES = List.of("jwt-private.pem", "jwt-public.pem", "developer.jwt",
            "similarity-service.jwt", "recommend-service.jwt", "segment-service.jwt");

    @TempDir
    Path root;

    private Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (String f : FILES) {
            all.put(f, Files.readString(dir.resolve(f)));
        }
        return all;
    }

    private static Jwts.Claims claims(Path dir, String file, PublicKey key) throws IOException {
        return Jwts.verify(Files.readString(dir.resolve(file)).strip(), key, "persona-dev", NOW).orElseThrow();
    }

    @Test
    void createsTheKeyPairTheDeveloperTokenAndTheServicesTokens() throws IOException {
        Path dir = root.resolve(".persona/security");
        LocalSecurity.init(dir, NOW);
        for (String f : FILES) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(Files.readString(dir.resolve("jwt-private.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(dir.resolve("jwt-public.pem")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        PublicKey key = KeyFiles.readPublic(dir.resolve("jwt-public.pem"));
        assertEquals(key, KeyFiles.publicOf(KeyFiles.readPrivate(dir.resolve("jwt-private.pem"))));

        Jwts.Claims developer = claims(dir, "developer.jwt", key);
        assertEquals("developer", developer.subject());
        assertEquals(List.of("admin"), developer.roles());
        assertEquals(List.of("*"), developer.tenants());
        assertEquals(Optional.of(NOW.plus(Duration.ofDays(30))), developer.expiresAt());
        for (String service : List.of("similarity-service", "recommend-service", "segment-service")) {
            Jwts.Claims claims = claims(dir, service + ".jwt", key);
            assertEquals(service, claims.subject());
            assertEquals(List.of("service"), claims.roles());
            assertEquals(List.of("*"), claims.tenants());
        }
    }

    @Test
    void secretsAreOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dir = root.resolve("security");
        LocalSecurity.init(dir, NOW);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        for (String f : List.of("jwt-private.pem", "developer.jwt", "segment-service.jwt")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))), f);
        }
        assertEquals("rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-public.pem"))));
    }

    @Test
    void runningItAgainKeepsEverything() throws IOException {
        Path dir = root.resolve("security");
        LocalSecurity.init(dir, NOW);
        Map<String, String> first = contents(dir);
        List<String> report = LocalSecurity.init(dir, NOW.plus(Duration.ofDays(20)));
        assertEquals(first, contents(dir));
        assertTrue(report.stream().allMatch(line -> line.startsWith("kept")), report::toString);
    }

    @Test
    void tokensAboutToExpireAreMintedAgainWithTheSameKey() throws IOException {
        Path dir = root.resolve("security");
        LocalSecurity.init(dir, NOW);
        Map<String, String> first = contents(dir);
        Instant later = NOW.plus(Duration.ofDays(25));
        LocalSecurity.init(dir, later);
        Map<String, String> second = contents(dir);
        assertEquals(first.get("jwt-private.pem"), second.get("jwt-private.pem"));
        assertEquals(first.get("jwt-public.pem"), second.get("jwt-public.pem"));
        assertNotEquals(first.get("developer.jwt"), second.get("developer.jwt"));
        PublicKey key = KeyFiles.readPublic(dir.resolve("jwt-public.pem"));
        assertEquals(Optional.of(later.plus(Duration.ofDays(30))),
                Jwts.verify(second.get("developer.jwt").strip(), key, "persona-dev", later)
                        .flatMap(Jwts.Claims::expiresAt));
    }

    @Test
    void aNewKeyPairMeansNewTokensAndAMissingPublicKeyIsDerived() throws IOException {
        Path dir = root.resolve("security");
        LocalSecurity.init(dir, NOW);
        Map<String, String> first = contents(dir);
        Files.delete(dir.resolve("jwt-public.pem"));
        LocalSecurity.init(dir, NOW);
        assertEquals(first, contents(dir));

        Files.delete(dir.resolve("jwt-private.pem"));
        LocalSecurity.init(dir, NOW);
        Map<String, String> second = contents(dir);
        for (String f : FILES) {
            assertNotEquals(first.get(f), second.get(f), f);
        }
        claims(dir, "recommend-service.jwt", KeyFiles.readPublic(dir.resolve("jwt-public.pem")));
    }
}
