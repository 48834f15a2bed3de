package dev.persona.cli.security;

import dev.persona.cli.CliException;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.jwt.Jwts;
import dev.persona.cli.jwt.KeyFiles;
import dev.persona.cli.jwt.LocalSecurity;
import dev.persona.cli.jwt.Roles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code persona token}: prints a bearer token signed with the local development key, for the services
 * {@code ./suite up} started (they trust that key's public half). Signing needs the private key, so only whoever
 * holds it can mint: a token for production comes from the identity provider instead.
 */
@Command(name = "token",
        description = {"Prints a bearer token signed with the local development key.",
                "Prints an RS256 JWT for the services ./suite up started, signed with the local development key "
                + "(created by ./suite up or persona security init). Use it with --token, PERSONA_TOKEN or "
                + "PERSONA_TOKEN_FILE, or as grpcurl -H \"authorization: Bearer <token>\"."})
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", paramLabel = "<tenant>", split = ",", required = true,
            description = "The tenants the token grants, comma-separated; * grants every tenant.")
    List<String> tenants;

    @Option(names = "--roles", paramLabel = "<role>", split = ",", required = true,
            description = "The roles it grants, comma-separated: recommend, ingest, profile-read, analyst, privacy, "
                    + "service, admin.")
    List<String> roles;

    @Option(names = "--ttl", paramLabel = "<lifetime>", defaultValue = "1h", converter = TtlConverter.class,
            description = "How long it is valid: 90s, 30m, 1h, 7d or ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--subject", paramLabel = "<name>", defaultValue = "${sys:user.name:-developer}",
            description = "Its subject (sub), who the services log as the caller (default: your login name).")
    String subject;

    @Option(names = "--issuer", paramLabel = "<issuer>", defaultValue = "${env:PERSONA_JWT_ISSUER:-persona-dev}",
            description = "Its issuer (iss), which the services check (default: $PERSONA_JWT_ISSUER, else "
                    + "persona-dev).")
    String issuer;

    @Option(names = "--key", paramLabel = "<file>",
            description = "The RSA private key to sign with, PKCS#8 PEM (default: "
                    + ".persona/security/jwt-private.pem under the repository root).")
    Path key;

    @Override
    public Integer call() throws IOException {
        List<String> granted;
        try {
            granted = Roles.require(roles);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--roles: " + e.getMessage());
        }
        if (tenants.stream().anyMatch(String::isBlank)) {
            throw CliException.usage("--tenant: a tenant name cannot be empty");
        }
        if (subject == null || subject.isBlank()) {
            throw CliException.usage("--subject cannot be empty");
        }
        Path keyFile = key != null ? key
                : LocalSecurity.defaultDir(System.getenv()).resolve(LocalSecurity.PRIVATE_KEY);
        if (!Files.isRegularFile(keyFile)) {
            throw CliException.usage("no signing key at " + keyFile + ": create the local development key with "
                    + "./suite up or persona security init, or pass --key <PKCS#8 PEM file>");
        }
        PrivateKey signingKey;
        try {
            signingKey = KeyFiles.readPrivate(keyFile);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        String token = Jwts.sign(new Jwts.Grant(issuer, subject, granted, tenants, ttl), signingKey, Instant.now());
        spec.commandLine().getOut().println(token);
        return ExitCodes.OK;
    }
}
