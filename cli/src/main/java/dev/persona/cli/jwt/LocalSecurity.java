package dev.persona.cli.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local development security of {@code ./suite up}, in one directory (by default {@code .persona/security} under
 * the repository root): an RSA key pair the services trust ({@value #PUBLIC_KEY}) and the CLI signs with
 * ({@value #PRIVATE_KEY}), a developer's token ({@value #DEVELOPER_TOKEN}: admin of every tenant), and one token per
 * service that calls profile-service ({@code <service>.jwt}: role service, every tenant). None of it is a production
 * credential: production tokens come from an identity provider.
 */
public final class LocalSecurity {

    /** Where the files live, under the repository root. */
    public static final Path DEFAULT_DIR = Path.of(".persona", "security");
    public static final String PRIVATE_KEY = "jwt-private.pem";
    public static final String PUBLIC_KEY = "jwt-public.pem";
    public static final String DEVELOPER_TOKEN = "developer.jwt";
    /** The services that call profile-service, each with its own token. */
    public static final List<String> CALLING_SERVICES =
            List.of("similarity-service", "recommend-service", "segment-service");
    /** How long the tokens minted here are valid. */
    public static final Duration TOKEN_LIFETIME = Duration.ofDays(30);
    /** A token with less than this left is minted again. */
    public static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private LocalSecurity() {
    }

    /**
     * The repository root: {@code PERSONA_HOME} (which the {@code persona} script sets to its own directory), else
     * the working directory.
     */
    public static Path home(Map<String, String> env) {
        String home = env.get("PERSONA_HOME");
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    /** The directory of the local keys and tokens under {@link #home}. */
    public static Path defaultDir(Map<String, String> env) {
        return home(env).resolve(DEFAULT_DIR);
    }

    /**
     * Creates what is missing in {@code dir}: the key pair, the developer's token and the services' tokens. Existing
     * files are kept; a token is minted again when it is missing, does not verify with the public key (the pair was
     * replaced), or expires within {@link #RENEW_BEFORE}. The public key is written again when it is missing or does
     * not match the private key. Returns one line per file saying what was done.
     */
    public static List<String> init(Path dir, Instant clock) throws IOException {
        Instant now = clock.truncatedTo(ChronoUnit.SECONDS);
        KeyFiles.createPrivateDirectory(dir);
        List<String> report = new ArrayList<>();
        Path privateFile = dir.resolve(PRIVATE_KEY);
        Path publicFile = dir.resolve(PUBLIC_KEY);
        PrivateKey privateKey;
        PublicKey publicKey;
        if (Files.exists(privateFile)) {
            privateKey = KeyFiles.readPrivate(privateFile);
            publicKey = KeyFiles.publicOf(privateKey);
            report.add("kept     " + privateFile);
            if (Files.exists(publicFile) && Arrays.equals(KeyFiles.readPublic(publicFile).getEncoded(), publicKey.getEncoded())) {
                report.add("kept     " + publicFile);
            } else {
                KeyFiles.writePublic(publicFile, publicKey);
                report.add("wrote    " + publicFile + " (the public half of " + PRIVATE_KEY + ")");
            }
        } else {
            KeyPair pair = KeyFiles.generate();
            privateKey = pair.getPrivate();
            publicKey = pair.getPublic();
            KeyFiles.writePrivate(privateFile, privateKey);
            KeyFiles.writePublic(publicFile, publicKey);
            report.add("created  " + privateFile + " (RSA 2048, owner-only)");
            report.add("created  " + publicFile);
        }
        report.add(token(dir.resolve(DEVELOPER_TOKEN), "developer", List.of("admin"), privateKey, publicKey, now));
        for (String service : CALLING_SERVICES) {
            report.add(token(dir.resolve(service + ".jwt"), service, List.of("service"), privateKey, publicKey, now));
        }
        return report;
    }

    private static String token(Path file, String subject, List<String> roles, PrivateKey privateKey,
            PublicKey publicKey, Instant now) throws IOException {
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
            Optional<Instant> expires = Jwts.verify(existing, publicKey, Jwts.DEFAULT_ISSUER, now)
                    .flatMap(Jwts.Claims::expiresAt);
            if (expires.isPresent() && expires.get().isAfter(now.plus(RENEW_BEFORE))) {
                return "kept     " + file + " (valid until " + expires.get() + ")";
            }
        }
        Jwts.Grant grant = new Jwts.Grant(Jwts.DEFAULT_ISSUER, subject, roles, List.of(Jwts.ALL_TENANTS),
                TOKEN_LIFETIME);
        KeyFiles.writeSecret(file, Jwts.sign(grant, privateKey, now) + "\n");
        return "minted   " + file + " (" + subject + ": " + String.join(",", roles) + ", every tenant, valid until "
                + now.plus(TOKEN_LIFETIME) + ")";
    }
}
