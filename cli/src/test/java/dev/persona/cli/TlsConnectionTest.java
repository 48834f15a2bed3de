package dev.persona.cli;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.cli.grpc.ChannelSecurity;
import dev.persona.cli.jwt.KeyFiles;
import dev.persona.cli.tls.LocalTls;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI over TLS, against a fake profile-service serving the certificate {@code persona security init} issues: it
 * connects when it trusts that CA, and says which CA it trusted and how to trust another when it does not.
 */
class TlsConnectionTest {

    @TempDir
    Path root;

    private final FakeProfileService service = new FakeProfileService();
    private Path security;
    private TestServer tlsServer;

    @BeforeEach
    void startTlsServer() throws IOException {
        security = root.resolve(".persona/security");
        KeyFiles.createPrivateDirectory(security);
        LocalTls.init(security, Instant.now());
        tlsServer = new TestServer(service, TlsServerCredentials.create(security.resolve("tls.crt").toFile(),
                security.resolve("tls.key").toFile()));
    }

    @AfterEach
    void stopTlsServer() throws InterruptedException {
        tlsServer.close();
    }

    private CliRun persona(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--target", tlsServer.target(), "--tenant", "t1"}, 0, all, args.length, 4);
        return CliRun.exactly(all);
    }

    private Path otherCa() throws IOException {
        Path other = root.resolve("other");
        KeyFiles.createPrivateDirectory(other);
        LocalTls.init(other, Instant.now());
        return other.resolve("ca.pem");
    }

    @Test
    void trustingTheCaThatSignedTheServersCertificateConnects() {
        String ca = security.resolve("ca.pem").toString();
        CliRun imported = persona("import", "movielens", resource("movielens/ml100k").toString(), "--ca", ca);
        assertEquals(0, imported.exitCode(), imported::toString);
        CliRun profile = persona("profile", "1", "--ca", ca);
        assertEquals(0, profile.exitCode(), profile::toString);
        assertTrue(profile.out().contains("\"user_id\": \"1\""), profile::toString);
        assertEquals("", profile.err(), "no warning over TLS");
    }

    @Test
    void trustingAnotherCaFailsWithAHintNamingTheOption() throws IOException {
        Path other = otherCa();
        CliRun run = persona("profile", "1", "--ca", other.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("persona: the TLS connection to profile-service at " + tlsServer.target()
                + " failed (UNAVAILABLE): "), run::toString);
        assertTrue(run.err().contains("persona: the TLS handshake failed trusting " + other + " (--ca): pass --ca "
                + "<pem>"), run::toString);
        assertTrue(tlsServer.headers().isEmpty(), "no call reached the server");
    }

    @Test
    void inPlaintextTheServerClosesTheConnectionAndTheHintSaysWhy() {
        CliRun run = persona("profile", "1", "--plaintext");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith(ConnectionOptions.PLAINTEXT_WARNING + System.lineSeparator()
                + "persona: "), run::toString);
        assertTrue(run.err().contains("UNAVAILABLE"), run::toString);
        assertTrue(run.err().contains("the call went in plaintext"), run::toString);
        assertTrue(tlsServer.headers().isEmpty(), "no call reached the server");
    }

    @Test
    void overTlsToAPlaintextServerTheHintOffersPlaintext() throws IOException, InterruptedException {
        try (TestServer plaintext = new TestServer(new FakeProfileService())) {
            CliRun run = CliRun.exactly("profile", "1", "--target", plaintext.target(), "--ca",
                    security.resolve("ca.pem").toString());
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.err().startsWith("persona: the TLS connection to profile-service at " + plaintext.target()
                    + " failed (UNAVAILABLE): the server answered without TLS"), run::toString);
            assertTrue(run.err().contains("persona: the service serves no TLS (a test server or dev mode): pass "
                    + "--plaintext"), run::toString);
        }
    }

    @Test
    void theWarningIsPrintedOnceACommand() throws IOException, InterruptedException {
        try (TestServer plaintext = new TestServer(new FakeProfileService())) {
            CliRun run = CliRun.exactly("import", "movielens", resource("movielens/ml100k").toString(), "--target",
                    plaintext.target(), "--tenant", "t1", "--plaintext");
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(1, run.err().lines().filter(ConnectionOptions.PLAINTEXT_WARNING::equals).count(),
                    run::toString);
        }
    }

    @Test
    void trustRule() throws IOException {
        Path home = root;
        Path ca = security.resolve("ca.pem");
        Path other = otherCa();
        assertTrue(ConnectionOptions.security(true, ca, Map.of()).plaintext());
        assertTrue(ConnectionOptions.security(false, ca, Map.of("PERSONA_PLAINTEXT", "true")).plaintext());
        assertTrue(ConnectionOptions.security(false, null, Map.of("PERSONA_PLAINTEXT", "TRUE")).plaintext());
        assertFalse(ConnectionOptions.security(false, null, Map.of("PERSONA_PLAINTEXT", "false")).plaintext());

        ChannelSecurity option = ConnectionOptions.security(false, ca, Map.of("PERSONA_CA", other.toString(),
                "PERSONA_HOME", home.toString()));
        assertEquals(ca + " (--ca)", option.trust());
        ChannelSecurity variable = ConnectionOptions.security(false, null, Map.of("PERSONA_CA", other.toString(),
                "PERSONA_HOME", home.toString()));
        assertEquals(other + " (PERSONA_CA)", variable.trust());
        ChannelSecurity local = ConnectionOptions.security(false, null, Map.of("PERSONA_HOME", home.toString()));
        assertEquals(ca + " (the local CA of ./suite up)", local.trust());
        ChannelSecurity jvm = ConnectionOptions.security(false, null,
                Map.of("PERSONA_HOME", root.resolve("elsewhere").toString()));
        assertEquals("the JVM's default trust store", jvm.trust());
        assertFalse(jvm.plaintext());
    }

    @Test
    void aMissingOrMalformedCaFileIsAUsageError() throws IOException {
        CliException missing = assertThrows(CliException.class,
                () -> ConnectionOptions.security(false, root.resolve("nope.pem"), Map.of()));
        assertEquals("--ca: no such file: " + root.resolve("nope.pem"), missing.getMessage());
        Path junk = Files.writeString(root.resolve("junk.pem"), "not a certificate\n");
        CliException malformed = assertThrows(CliException.class,
                () -> ConnectionOptions.security(false, null, Map.of("PERSONA_CA", junk.toString())));
        assertTrue(malformed.getMessage().startsWith("PERSONA_CA: "), malformed::getMessage);
        CliRun run = persona("profile", "1", "--ca", junk.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("persona: --ca: "), run::toString);
    }
}
