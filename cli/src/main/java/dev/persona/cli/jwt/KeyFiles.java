package dev.persona.cli.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys as PEM files, with the JDK only: the private key as PKCS#8 ({@code BEGIN PRIVATE KEY}), the public key as
 * X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}), the forms the services and OpenSSL read. Secrets (private
 * keys, tokens) are written owner-only (mode 600 where the file system has POSIX permissions) and replaced
 * atomically, so a service re-reading a token file never sees half of one.
 */
public final class KeyFiles {

    private static final int RSA_BITS = 2048;
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private KeyFiles() {
    }

    /** A new RSA 2048 key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate RSA keys", e);
        }
    }

    /** The public half of an RSA private key (a PKCS#8 RSA key carries it). */
    public static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("not an RSA private key with its public exponent");
        }
        try {
            return rsaFactory().generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the public key cannot be derived: " + e.getMessage(), e);
        }
    }

    /** Reads a PKCS#8 PEM RSA private key; {@link IllegalArgumentException} when the file holds something else. */
    public static PrivateKey readPrivate(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(file + " is a PKCS#1 key; convert it to PKCS#8 with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out <new file>");
        }
        try {
            return rsaFactory().generatePrivate(new PKCS8EncodedKeySpec(decode(pem, PRIVATE, file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " does not hold an unencrypted RSA private key (PKCS#8 PEM)", e);
        }
    }

    /** Reads an X.509 PEM RSA public key; {@link IllegalArgumentException} when the file holds something else. */
    public static PublicKey readPublic(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return rsaFactory().generatePublic(new X509EncodedKeySpec(decode(pem, PUBLIC, file)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " does not hold an RSA public key (X.509 PEM)", e);
        }
    }

    /** Writes a private key, owner-only. */
    public static void writePrivate(Path file, PrivateKey key) throws IOException {
        writeSecret(file, encode(PRIVATE, key.getEncoded()));
    }

    /** Writes a public key, readable by all. */
    public static void writePublic(Path file, PublicKey key) throws IOException {
        replace(file, encode(PUBLIC, key.getEncoded()), false);
    }

    /** Writes a secret (a private key, a token), owner-only, replacing any older file atomically. */
    public static void writeSecret(Path file, String text) throws IOException {
        replace(file, text, true);
    }

    /** Creates a directory (and its parents), owner-only when it is new. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Files.createDirectories(dir, posix() ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0]);
        }
    }

    private static void replace(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        FileAttribute<?>[] attributes = posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"))} : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** {@code der} as a PEM block of {@code type} ({@code PRIVATE KEY}, {@code CERTIFICATE}, ...). */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(String pem, String type, Path file) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " holds no PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the PEM block is not valid base64", e);
        }
    }

    private static KeyFactory rsaFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA");
    }
}
