package dev.persona.common.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token a service presents when it calls another service: read from a file (a mounted Kubernetes Secret, or
 * what {@code ./suite up} minted under {@code .persona/}), re-read when the file changes, so a rotated token is
 * used without a restart. Without a file, calls carry no token (tests against a stand-in service).
 */
public final class ServiceToken implements Supplier<Optional<String>> {

    private static final long CHECK_EVERY_MS = 5_000;

    private final Path file;
    private volatile String token;
    private volatile FileTime modified;
    private volatile long checkedAt;

    private ServiceToken(Path file) {
        this.file = file;
    }

    /** The token in {@code file}, or none when {@code file} is empty. */
    public static Supplier<Optional<String>> fromFile(Optional<String> file) {
        return file.filter(f -> !f.isBlank()).<Supplier<Optional<String>>>map(f -> new ServiceToken(Path.of(f)))
                .orElse(Optional::empty);
    }

    @Override
    public Optional<String> get() {
        long now = System.currentTimeMillis();
        if (token == null || now - checkedAt > CHECK_EVERY_MS) {
            reload(now);
        }
        return Optional.of(token);
    }

    private synchronized void reload(long now) {
        try {
            FileTime m = Files.getLastModifiedTime(file);
            if (token == null || !m.equals(modified)) {
                token = Files.readString(file, StandardCharsets.US_ASCII).trim();
                modified = m;
            }
            checkedAt = now;
        } catch (IOException e) {
            if (token == null) {
                throw new UncheckedIOException("the service token file cannot be read: " + file, e);
            }
        }
    }
}
