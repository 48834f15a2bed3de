package dev.persona.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The test certificates in common's test jar, as files: a test CA, a server certificate it signed for localhost
 * and 127.0.0.1 with its key, and another CA that signed nothing of ours. Test only: never trusted outside tests.
 */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** The test CA's certificate. */
    public static Path ca() {
        return file("test-ca.pem");
    }

    /** A CA that signed nothing a test server presents. */
    public static Path otherCa() {
        return file("test-other-ca.pem");
    }

    /** Configuration that makes a service under test serve TLS only, with the test server certificate. */
    public static Map<String, String> serverTls() {
        return Map.of(
                "quarkus.tls.api.key-store.pem.0.cert", file("test-server.pem").toString(),
                "quarkus.tls.api.key-store.pem.0.key", file("test-server-key.pem").toString(),
                "quarkus.http.tls-configuration-name", "api",
                "quarkus.http.insecure-requests", "disabled");
    }

    private static synchronized Path file(String name) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "persona-test-certificates");
        Path target = dir.resolve(name);
        try (InputStream in = TestCertificates.class.getResourceAsStream("/security/" + name)) {
            Files.createDirectories(dir);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
