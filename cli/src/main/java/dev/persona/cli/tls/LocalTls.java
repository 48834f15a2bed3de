package dev.persona.cli.tls;

import dev.persona.cli.jwt.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The local development TLS of {@code ./suite up}, in the directory of the local keys and tokens (by default
 * {@code .persona/security}): a CA ({@value #CA_CERTIFICATE}, which the CLI, the end-to-end client and grpcurl trust,
 * and {@value #CA_KEY}, which signs) and one server certificate for all four services ({@value #SERVER_CERTIFICATE}
 * and {@value #SERVER_KEY}: {@code PERSONA_TLS_CERT} and {@code PERSONA_TLS_KEY}), naming every address the services
 * are reached at on this machine, in Compose and in Kubernetes. Every file is written owner-only and replaced
 * atomically, as the tokens are. None of it is a production credential: production certificates come from your PKI
 * (cert-manager, a service mesh, a cloud CA).
 */
public final class LocalTls {

    public static final String CA_CERTIFICATE = "ca.pem";
    public static final String CA_KEY = "ca-key.pem";
    public static final String SERVER_CERTIFICATE = "tls.crt";
    public static final String SERVER_KEY = "tls.key";
    /** The services, each named as a host: in Compose, and in Kubernetes as {@code <name>.persona.svc[.cluster.local]}. */
    public static final List<String> SERVICES =
            List.of("profile-service", "similarity-service", "recommend-service", "segment-service");
    /** The server certificate's DNS names: localhost, then each service by its Compose and Kubernetes names. */
    public static final List<String> DNS_NAMES = dnsNames();
    /** The server certificate's IP addresses: the loopback ones. */
    public static final List<String> IP_ADDRESSES = List.of("127.0.0.1", "::1");
    /** How long the CA is valid. */
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    /** How long a server certificate is valid. */
    public static final Duration SERVER_LIFETIME = Duration.ofDays(365);
    /** A CA or certificate with less than this left is made again. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    static final String CA_NAME = "Persona local development CA";

    private LocalTls() {
    }

    private static List<String> dnsNames() {
        List<String> names = new ArrayList<>();
        names.add("localhost");
        names.addAll(SERVICES);
        SERVICES.forEach(s -> names.add(s + ".persona.svc"));
        SERVICES.forEach(s -> names.add(s + ".persona.svc.cluster.local"));
        return List.copyOf(names);
    }

    /**
     * Creates what is missing or about to expire in {@code dir} (which must exist): the CA's key when it is missing,
     * and its certificate when it is missing, is not that key's, or expires within {@link #RENEW_BEFORE}; the server
     * certificate, with a new key, when either of its files is missing or unreadable, its key does not match, it is
     * not signed by the current CA (the CA was replaced), it names other addresses than {@link #DNS_NAMES} and
     * {@link #IP_ADDRESSES}, or it expires within {@link #RENEW_BEFORE}. Returns one line per file saying what was
     * done. {@link IllegalArgumentException} when the CA's files exist but cannot be read as a PKCS#8 RSA key and a PEM
     * certificate (they are kept: nothing here overwrites a CA it cannot read).
     */
    public static List<String> init(Path dir, Instant clock) throws IOException {
        Instant now = clock.truncatedTo(ChronoUnit.SECONDS);
        List<String> report = new ArrayList<>();
        Certificates.Issued ca = authority(dir, now, report);
        server(dir, ca, now, report);
        return report;
    }

    private static Certificates.Issued authority(Path dir, Instant now, List<String> report) throws IOException {
        Path certificateFile = dir.resolve(CA_CERTIFICATE);
        Path keyFile = dir.resolve(CA_KEY);
        KeyPair keys;
        String why;
        if (Files.exists(keyFile)) {
            PrivateKey key = KeyFiles.readPrivate(keyFile);
            keys = new KeyPair(KeyFiles.publicOf(key), key);
            report.add("kept     " + keyFile);
            if (!Files.exists(certificateFile)) {
                why = "";
            } else {
                X509Certificate certificate = Certificates.readFirst(certificateFile);
                if (!matches(key, certificate.getPublicKey())) {
                    why = ", replacing one of another key";
                } else if (!Certificates.validAt(certificate, now)
                        || !Certificates.validAt(certificate, now.plus(RENEW_BEFORE))) {
                    why = ", replacing one that expires on " + certificate.getNotAfter().toInstant();
                } else {
                    report.add("kept     " + certificateFile + " (valid until "
                            + certificate.getNotAfter().toInstant() + ")");
                    return new Certificates.Issued(certificate, key);
                }
            }
        } else {
            keys = KeyFiles.generate();
            KeyFiles.writePrivate(keyFile, keys.getPrivate());
            report.add("created  " + keyFile + " (RSA 2048, owner-only: signs the server certificate)");
            why = Files.exists(certificateFile) ? ", replacing one whose key was gone" : "";
        }
        Certificates.Issued ca = Certificates.authority(CA_NAME, keys, now, CA_LIFETIME);
        KeyFiles.writeSecret(certificateFile, Certificates.pem(ca.certificate()));
        report.add("created  " + certificateFile + " (the local CA, valid until "
                + ca.certificate().getNotAfter().toInstant() + why + ")");
        return ca;
    }

    private static void server(Path dir, Certificates.Issued ca, Instant now, List<String> report)
            throws IOException {
        Path certificateFile = dir.resolve(SERVER_CERTIFICATE);
        Path keyFile = dir.resolve(SERVER_KEY);
        Optional<String> keep = current(certificateFile, keyFile, ca.certificate(), now);
        if (keep.isEmpty()) {
            report.add("kept     " + certificateFile + " (valid until "
                    + Certificates.readFirst(certificateFile).getNotAfter().toInstant() + ")");
            report.add("kept     " + keyFile);
            return;
        }
        KeyPair keys = KeyFiles.generate();
        X509Certificate certificate = Certificates.server(ca, keys.getPublic(), DNS_NAMES, IP_ADDRESSES, now,
                SERVER_LIFETIME);
        KeyFiles.writePrivate(keyFile, keys.getPrivate());
        KeyFiles.writeSecret(certificateFile, Certificates.pem(certificate));
        report.add("issued   " + certificateFile + " (the services' TLS certificate, signed by " + CA_CERTIFICATE
                + ", valid until " + certificate.getNotAfter().toInstant() + keep.get() + ")");
        report.add("created  " + keyFile + " (RSA 2048, PKCS#8, owner-only)");
    }

    /** Empty when the server certificate and key are fine; else why they are issued again (", ..." or ""). */
    private static Optional<String> current(Path certificateFile, Path keyFile, X509Certificate ca, Instant now) {
        if (!Files.exists(certificateFile) || !Files.exists(keyFile)) {
            return Optional.of("");
        }
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = Certificates.readFirst(certificateFile);
            key = KeyFiles.readPrivate(keyFile);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(", replacing files that could not be read");
        }
        if (!matches(key, certificate.getPublicKey())) {
            return Optional.of(", replacing one whose key did not match");
        }
        if (!Certificates.signedBy(certificate, ca)) {
            return Optional.of(", replacing one signed by another CA");
        }
        if (!Certificates.subjectAltNames(certificate).equals(Certificates.expectedNames(DNS_NAMES, IP_ADDRESSES))) {
            return Optional.of(", replacing one with other names");
        }
        if (!Certificates.validAt(certificate, now) || !Certificates.validAt(certificate, now.plus(RENEW_BEFORE))) {
            return Optional.of(", replacing one that expires on " + certificate.getNotAfter().toInstant());
        }
        return Optional.empty();
    }

    private static boolean matches(PrivateKey key, PublicKey certified) {
        try {
            return Arrays.equals(KeyFiles.publicOf(key).getEncoded(), certified.getEncoded());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
