package dev.persona.cli.security;

import dev.persona.cli.CliException;
import dev.persona.cli.ExitCodes;
import dev.persona.cli.jwt.LocalDatastores;
import dev.persona.cli.jwt.LocalSecurity;
import dev.persona.cli.tls.LocalTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code persona security init}: the key pair, tokens, CA and TLS certificate {@code ./suite up} runs the services
 * with (see {@link LocalSecurity} and {@link LocalTls}) and the datastore passwords ({@link LocalDatastores}); keeps
 * what exists and is still valid.
 */
@Command(name = "init",
        description = {"Creates the local development keys, tokens and TLS certificates, keeping those that exist.",
                "Creates, where missing, an RSA key pair (jwt-private.pem, owner-only; jwt-public.pem, which the "
                + "services trust), a developer token (developer.jwt: admin of every tenant, 30 days) and one token "
                + "per service that calls profile-service (<service>.jwt: role service, every tenant, 30 days). "
                + "Tokens that no longer verify or expire within 7 days are minted again.",
                "Creates, where missing, a local CA (ca.pem, which the CLI trusts by default; ca-key.pem, "
                + "owner-only) and one TLS server certificate for the four services signed by it (tls.crt and "
                + "tls.key, PKCS#8; 1 year; names localhost, 127.0.0.1, ::1, each service and "
                + "<service>.persona.svc[.cluster.local]). Either is made again when it expires within 30 days; the "
                + "server certificate also when the CA changed.",
                "Creates, where missing, one password per service for its own datastore accounts "
                + "(datastores/persona-<service>: its PostgreSQL role persona_<service> and Redis user "
                + "persona-<service>, which deploy/datastores creates).",
                "Every file but jwt-public.pem is written owner-only (mode 600); a container running as another "
                + "user (Docker Compose bind-mounts these files as they are) can read a file only after you make "
                + "it readable to that user, e.g. chmod 644 on the service tokens, tls.crt, tls.key and ca.pem in "
                + "a folder that stays mode 700.",
                "Development only: production tokens come from an identity provider, production certificates from "
                + "your PKI."})
public final class SecurityInitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "<dir>",
            description = "Where the files go (default: .persona/security under the repository root; created "
                    + "owner-only when missing).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path target = dir != null ? dir : LocalSecurity.defaultDir(System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        try {
            Instant now = Instant.now();
            LocalSecurity.init(target, now).forEach(out::println);
            LocalTls.init(target, now).forEach(out::println);
            LocalDatastores.init(target).forEach(out::println);
        } catch (IllegalArgumentException e) {
            throw CliException.failure(e.getMessage() + " (move it away to create a new one)");
        }
        return ExitCodes.OK;
    }
}
