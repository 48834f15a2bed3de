package dev.persona.cli;

import dev.persona.cli.jwt.Jwts;
import dev.persona.cli.jwt.KeyFiles;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tokens signed with a key pair made for the test run (the fake services do not verify them). */
public final class TestTokens {

    public static final KeyPair KEYS = KeyFiles.generate();

    private TestTokens() {
    }

    /** An admin's token for these tenants, valid for an hour. */
    public static String admin(String... tenants) {
        return Jwts.sign(new Jwts.Grant(Jwts.DEFAULT_ISSUER, "test", List.of("admin"), List.of(tenants),
                Duration.ofHours(1)), KEYS.getPrivate(), Instant.now());
    }
}
