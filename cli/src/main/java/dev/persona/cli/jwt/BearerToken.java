package dev.persona.cli.jwt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer token the CLI sends with every call, and where it came from (for the hint when the services refuse it).
 *
 * @param token  the JWT, or empty to send none
 * @param origin where it came from, for messages: "--token", "PERSONA_TOKEN", a file's path, or "nowhere"
 */
public record BearerToken(Optional<String> token, String origin) {

    /**
     * The first of: {@code option} (from {@code --token}; blank: no token at all), the environment's
     * {@code PERSONA_TOKEN}, the file {@code PERSONA_TOKEN_FILE} names (blank file: no token), the developer's token
     * {@code .persona/security/developer.jwt} under {@link LocalSecurity#home} when it exists; else none.
     * {@link UncheckedIOException} when a named token file cannot be read.
     */
    public static BearerToken locate(String option, Map<String, String> env) {
        if (option != null) {
            return of(option, "--token");
        }
        String variable = env.get("PERSONA_TOKEN");
        if (variable != null && !variable.isBlank()) {
            return of(variable, "PERSONA_TOKEN");
        }
        String file = env.get("PERSONA_TOKEN_FILE");
        if (file != null && !file.isBlank()) {
            return of(read(Path.of(file)), "PERSONA_TOKEN_FILE=" + file);
        }
        Path developer = LocalSecurity.defaultDir(env).resolve(LocalSecurity.DEVELOPER_TOKEN);
        if (Files.isRegularFile(developer)) {
            return of(read(developer), developer.toString());
        }
        return new BearerToken(Optional.empty(), "nowhere");
    }

    /** Whether a token is sent. */
    public boolean present() {
        return token.isPresent();
    }

    private static BearerToken of(String text, String origin) {
        String token = text.strip();
        return new BearerToken(token.isEmpty() ? Optional.empty() : Optional.of(token), origin);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("the token file " + file + " cannot be read: " + e, e);
        }
    }
}
