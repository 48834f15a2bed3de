package dev.persona.cli.tls;

import dev.persona.cli.jwt.KeyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 certificates for TLS, issued with BouncyCastle (the JDK can read and verify certificates but has no public
 * API to build one): a CA, and server certificates it signs. Signatures are SHA-256 with RSA; the JDK's providers do
 * the cryptography, BouncyCastle only assembles the certificates.
 */
public final class Certificates {

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    /**
     * How far before its issue time a certificate starts to be valid, so that a peer whose clock is a little behind
     * accepts it at once.
     */
    static final Duration BACKDATE = Duration.ofHours(1);
    private static final String SIGNATURE = "SHA256withRSA";
    private static final int SERIAL_BITS = 127;
    private static final int SUBJECT_ALT_NAME_DNS = 2;
    private static final int SUBJECT_ALT_NAME_IP = 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /**
     * A self-signed CA for the key pair: basicConstraints CA with path length 0 (it signs server certificates, no
     * other CA), keyUsage keyCertSign and cRLSign, valid from {@code now} (less {@link #BACKDATE}) for
     * {@code validity}.
     */
    public static Issued authority(String commonName, KeyPair keys, Instant now, Duration validity) {
        X500Name subject = name(commonName);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("the CA certificate cannot be built", e);
        }
        return new Issued(sign(builder, keys.getPrivate()), keys.getPrivate());
    }

    /**
     * A server certificate for {@code keys}, signed by {@code ca}: subjectAltNames the given DNS names and IP
     * addresses (the subject's CN is the first DNS name), extendedKeyUsage serverAuth, keyUsage digitalSignature and
     * keyEncipherment, not a CA; valid from {@code now} (less {@link #BACKDATE}) for {@code validity}, but never past
     * the CA's own expiry.
     */
    public static X509Certificate server(Issued ca, PublicKey key, List<String> dnsNames, List<String> ipAddresses,
            Instant now, Duration validity) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name");
        }
        Instant notAfter = now.plus(validity);
        Instant caExpiry = ca.certificate().getNotAfter().toInstant();
        if (caExpiry.isBefore(notAfter)) {
            notAfter = caExpiry;
        }
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), name(dnsNames.get(0)), key);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    // The CA's key identifier only (not its name and serial), so the certificate still chains to a
                    // CA certificate made again for the same key.
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("the server certificate cannot be built", e);
        }
        return sign(builder, ca.key());
    }

    /**
     * Whether {@code certificate} carries a signature that verifies with {@code ca}'s public key and names
     * {@code ca}'s subject as its issuer.
     */
    public static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether the certificate is valid at {@code instant} (inside its notBefore..notAfter). */
    public static boolean validAt(X509Certificate certificate, Instant instant) {
        return !instant.isBefore(certificate.getNotBefore().toInstant())
                && !instant.isAfter(certificate.getNotAfter().toInstant());
    }

    /**
     * The certificate's subjectAltNames, DNS names as written and IP addresses in the JDK's canonical form (so
     * {@code ::1} and {@code 0:0:0:0:0:0:0:1} compare equal); empty when it has none.
     */
    public static Set<String> subjectAltNames(X509Certificate certificate) {
        Set<String> names = new TreeSet<>();
        Collection<List<?>> entries;
        try {
            entries = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return names;
        }
        if (entries == null) {
            return names;
        }
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            if (type == SUBJECT_ALT_NAME_DNS) {
                names.add((String) entry.get(1));
            } else if (type == SUBJECT_ALT_NAME_IP) {
                names.add(canonicalIp((String) entry.get(1)));
            }
        }
        return names;
    }

    /** The names {@link #subjectAltNames} reports for these DNS names and IP addresses. */
    public static Set<String> expectedNames(List<String> dnsNames, List<String> ipAddresses) {
        Set<String> names = new TreeSet<>(dnsNames);
        ipAddresses.forEach(ip -> names.add(canonicalIp(ip)));
        return names;
    }

    /** The certificate as PEM ({@code BEGIN CERTIFICATE}). */
    public static String pem(X509Certificate certificate) {
        try {
            return KeyFiles.encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("the certificate cannot be encoded", e);
        }
    }

    /**
     * The certificates of a PEM file, in order; {@link IllegalArgumentException} when it holds none or something
     * that is not a certificate.
     */
    public static List<X509Certificate> read(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " does not hold PEM certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate");
        }
        return certificates;
    }

    /** The first certificate of a PEM file (see {@link #read}). */
    public static X509Certificate readFirst(Path file) throws IOException {
        return read(file).get(0);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("the certificate cannot be signed with this key: " + e.getMessage(), e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName.replace(",", "\\,") + ",O=Persona");
    }

    private static BigInteger serial() {
        return new BigInteger(SERIAL_BITS, RANDOM).setBit(SERIAL_BITS - 1);
    }

    private static String canonicalIp(String ip) {
        // A literal only (IPv4 dotted quad, or IPv6 with its colons): never a name to look up.
        if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !ip.matches("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("not an IP address literal: " + ip);
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + ip, e);
        }
    }
}
