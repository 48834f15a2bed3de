package dev.persona.cli.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.persona.cli.jwt.KeyFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTlsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final List<String> FILES = List.of("ca.pem", "ca-key.pem", "tls.crt", "tls.key");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        KeyFiles.createPrivateDirectory(dir.resolve("security"));
        dir = dir.resolve("security");
    }

    private Map<String, String> contents() throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (String f : FILES) {
            all.put(f, Files.readString(dir.resolve(f)));
        }
        return all;
    }

    private X509Certificate certificate(String file) throws IOException {
        return Certificates.readFirst(dir.resolve(file));
    }

    /** Validates the server certificate's path to the CA at {@code at}, as a TLS client trusting only the CA does. */
    private static void validatePath(X509Certificate server, X509Certificate ca, Instant at)
            throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);
    }

    @Test
    void createsACaAndAServerCertificateThatChainsToIt() throws Exception {
        List<String> report = LocalTls.init(dir, NOW);
        assertEquals(4, report.size(), report::toString);
        X509Certificate ca = certificate("ca.pem");
        X509Certificate server = certificate("tls.crt");

        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal(), "the CA is self-signed");
        ca.verify(ca.getPublicKey());
        assertEquals(0, ca.getBasicConstraints(), "a CA that signs no other CA");
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");

        assertTrue(Certificates.signedBy(server, ca));
        server.verify(ca.getPublicKey());
        validatePath(server, ca, NOW);
        assertEquals(-1, server.getBasicConstraints(), "not a CA");
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        assertTrue(Certificates.validAt(server, NOW));
        assertEquals(NOW.plus(Duration.ofDays(365)), server.getNotAfter().toInstant());
        assertFalse(Certificates.validAt(server, NOW.plus(Duration.ofDays(366))));

        Set<String> names = Certificates.subjectAltNames(server);
        for (String name : List.of("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1", "profile-service",
                "similarity-service", "recommend-service", "segment-service", "profile-service.persona.svc",
                "segment-service.persona.svc", "recommend-service.persona.svc.cluster.local",
                "similarity-service.persona.svc.cluster.local")) {
            assertTrue(names.contains(name), name + " in " + names);
        }
        assertEquals(15, names.size(), names::toString);

        String key = Files.readString(dir.resolve("tls.key"));
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8 PEM");
        assertEquals(server.getPublicKey(), KeyFiles.publicOf(KeyFiles.readPrivate(dir.resolve("tls.key"))));
        assertEquals(ca.getPublicKey(), KeyFiles.publicOf(KeyFiles.readPrivate(dir.resolve("ca-key.pem"))));
    }

    @Test
    void aClientTrustingAnotherCaRejectsTheChain() throws Exception {
        LocalTls.init(dir, NOW);
        Certificates.Issued other = Certificates.authority("another CA", KeyFiles.generate(), NOW,
                Duration.ofDays(30));
        X509Certificate server = certificate("tls.crt");
        assertFalse(Certificates.signedBy(server, other.certificate()));
        assertThrows(GeneralSecurityException.class, () -> validatePath(server, other.certificate(), NOW));
    }

    @Test
    void everyFileIsOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        LocalTls.init(dir, NOW);
        for (String f : FILES) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))), f);
        }
    }

    @Test
    void runningItAgainKeepsEverything() throws IOException {
        LocalTls.init(dir, NOW);
        Map<String, String> first = contents();
        List<String> report = LocalTls.init(dir, NOW.plus(Duration.ofDays(300)));
        assertEquals(first, contents());
        assertTrue(report.stream().allMatch(line -> line.startsWith("kept")), report::toString);
    }

    @Test
    void aServerCertificateExpiringWithin30DaysIsIssuedAgainByTheSameCa() throws Exception {
        LocalTls.init(dir, NOW);
        Map<String, String> first = contents();
        Instant later = NOW.plus(Duration.ofDays(340));
        List<String> report = LocalTls.init(dir, later);
        Map<String, String> second = contents();
        assertEquals(first.get("ca.pem"), second.get("ca.pem"));
        assertEquals(first.get("ca-key.pem"), second.get("ca-key.pem"));
        assertNotEquals(first.get("tls.crt"), second.get("tls.crt"));
        assertNotEquals(first.get("tls.key"), second.get("tls.key"));
        assertTrue(report.get(2).contains("replacing one that expires on"), report::toString);
        validatePath(certificate("tls.crt"), certificate("ca.pem"), later.plus(Duration.ofDays(300)));
    }

    @Test
    void aReplacedCaMeansANewServerCertificate() throws Exception {
        LocalTls.init(dir, NOW);
        Map<String, String> first = contents();
        X509Certificate oldServer = certificate("tls.crt");
        Files.delete(dir.resolve("ca.pem"));
        Files.delete(dir.resolve("ca-key.pem"));
        List<String> report = LocalTls.init(dir, NOW);
        Map<String, String> second = contents();
        for (String f : FILES) {
            assertNotEquals(first.get(f), second.get(f), f);
        }
        assertTrue(report.get(2).contains("replacing one signed by another CA"), report::toString);
        X509Certificate ca = certificate("ca.pem");
        assertFalse(Certificates.signedBy(oldServer, ca));
        validatePath(certificate("tls.crt"), ca, NOW);
    }

    @Test
    void aCaExpiringWithin30DaysIsMadeAgainWithItsKey() throws Exception {
        LocalTls.init(dir, NOW);
        Map<String, String> first = contents();
        Instant later = NOW.plus(Duration.ofDays(3650 - 20));
        List<String> report = LocalTls.init(dir, later);
        Map<String, String> second = contents();
        assertEquals(first.get("ca-key.pem"), second.get("ca-key.pem"));
        assertNotEquals(first.get("ca.pem"), second.get("ca.pem"));
        assertTrue(report.get(1).contains("replacing one that expires on"), report::toString);
        assertTrue(Certificates.validAt(certificate("ca.pem"), later.plus(Duration.ofDays(3000))));
        validatePath(certificate("tls.crt"), certificate("ca.pem"), later);
    }

    @Test
    void aLostCaCertificateIsMadeAgainFromItsKeyAndTheServerCertificateStillChainsToIt() throws Exception {
        LocalTls.init(dir, NOW);
        Map<String, String> first = contents();
        Files.delete(dir.resolve("ca.pem"));
        List<String> report = LocalTls.init(dir, NOW.plus(Duration.ofDays(1)));
        Map<String, String> second = contents();
        assertNotEquals(first.get("ca.pem"), second.get("ca.pem"));
        assertEquals(first.get("ca-key.pem"), second.get("ca-key.pem"));
        assertEquals(first.get("tls.crt"), second.get("tls.crt"));
        assertTrue(report.get(2).startsWith("kept"), report::toString);
        validatePath(certificate("tls.crt"), certificate("ca.pem"), NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aServerCertificateNeverOutlivesItsCa() {
        Certificates.Issued ca = Certificates.authority("short", KeyFiles.generate(), NOW, Duration.ofDays(60));
        X509Certificate server = Certificates.server(ca, KeyFiles.generate().getPublic(), List.of("localhost"),
                List.of(), NOW, Duration.ofDays(365));
        assertEquals(ca.certificate().getNotAfter(), server.getNotAfter());
    }

    @Test
    void anUnreadableCaKeyIsKeptAndRefused() throws IOException {
        Files.writeString(dir.resolve("ca-key.pem"), "not a key\n");
        assertThrows(IllegalArgumentException.class, () -> LocalTls.init(dir, NOW));
        assertEquals("not a key\n", Files.readString(dir.resolve("ca-key.pem")));
        assertFalse(Files.exists(dir.resolve("tls.crt")));
    }
}
