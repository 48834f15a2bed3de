package dev.persona.cli;

import dev.persona.cli.grpc.ChannelSecurity;
import dev.persona.cli.grpc.ConnectionSettings;
import dev.persona.cli.jwt.BearerToken;
import dev.persona.cli.jwt.Jwts;
import dev.persona.cli.jwt.LocalSecurity;
import dev.persona.cli.tls.Certificates;
import dev.persona.cli.tls.LocalTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that calls the services (a picocli mixin): the services' addresses, TLS (what it
 * trusts) or plaintext, the bearer token, the tenant and the deadlines.
 */
public final class ConnectionOptions {

    static final String DEFAULT_TENANT = "default";
    /** The one line {@code --plaintext} prints on stderr. */
    static final String PLAINTEXT_WARNING =
            "persona: warning: plaintext (--plaintext): the calls and the bearer token travel unencrypted";
    /** host:port, with the host possibly an IPv6 literal in brackets. */
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+):\\d{1,5}");

    @Option(names = "--target", paramLabel = "<host:port>",
            defaultValue = "${env:PERSONA_PROFILE_TARGET:-localhost:9101}",
            description = "profile-service address (default: $PERSONA_PROFILE_TARGET, else localhost:9101).")
    String target;

    @Option(names = "--similarity-target", paramLabel = "<host:port>",
            defaultValue = "${env:PERSONA_SIMILARITY_TARGET:-localhost:9102}",
            description = "similarity-service address (default: $PERSONA_SIMILARITY_TARGET, else localhost:9102).")
    String similarityTarget;

    @Option(names = "--recommend-target", paramLabel = "<host:port>",
            defaultValue = "${env:PERSONA_RECOMMEND_TARGET:-localhost:9103}",
            description = "recommend-service address (default: $PERSONA_RECOMMEND_TARGET, else localhost:9103).")
    String recommendTarget;

    @Option(names = "--segment-target", paramLabel = "<host:port>",
            defaultValue = "${env:PERSONA_SEGMENT_TARGET:-localhost:9104}",
            description = "segment-service address (default: $PERSONA_SEGMENT_TARGET, else localhost:9104).")
    String segmentTarget;

    @Option(names = "--ca", paramLabel = "<pem>",
            description = "The CA certificate(s), PEM, that the services' TLS certificates must chain to (default: "
                    + "$PERSONA_CA, else .persona/security/ca.pem under the repository root when it exists, which "
                    + "./suite up creates, else the JVM's default trust store).")
    Path ca;

    @Option(names = "--plaintext",
            description = "Connects without TLS, for services that serve none (tests, dev mode); the calls and the "
                    + "token then travel unencrypted, and a warning says so (default: true when $PERSONA_PLAINTEXT is "
                    + "true).")
    boolean plaintext;

    @Option(names = "--tenant", paramLabel = "<tenant>",
            description = "Tenant, sent as the x-tenant-id header (default: $PERSONA_TENANT; else, when the token "
                    + "grants exactly one tenant, that one, and no header is sent; else \"default\").")
    String tenant;

    @Option(names = "--token", paramLabel = "<jwt>",
            description = "Bearer token sent with every call (default: $PERSONA_TOKEN, else the contents of the file "
                    + "$PERSONA_TOKEN_FILE names, else the developer token ./suite up creates in "
                    + ".persona/security under the repository root, when it exists); --token '' sends none.")
    String token;

    @Option(names = "--deadline-seconds", paramLabel = "<seconds>", defaultValue = "30",
            description = "Deadline of each single call (default: ${DEFAULT-VALUE}).")
    long deadlineSeconds;

    @Option(names = "--stream-deadline-seconds", paramLabel = "<seconds>", defaultValue = "3600",
            description = "Deadline of each import, export or build stream, and of each predictor training "
                    + "(default: ${DEFAULT-VALUE}).")
    long streamDeadlineSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private BearerToken bearerToken;
    private ChannelSecurity security;

    /** The tenant given with --tenant, if any (benchmarks use a fresh tenant otherwise). */
    public Optional<String> explicitTenant() {
        return Optional.ofNullable(tenant);
    }

    /** How to call profile-service. */
    public ConnectionSettings settings() {
        return settings("--target", target);
    }

    /** How to call similarity-service: the same tenant and deadlines, at --similarity-target. */
    public ConnectionSettings similaritySettings() {
        return settings("--similarity-target", similarityTarget);
    }

    /** How to call recommend-service: the same tenant and deadlines, at --recommend-target. */
    public ConnectionSettings recommendSettings() {
        return settings("--recommend-target", recommendTarget);
    }

    /** How to call segment-service: the same tenant and deadlines, at --segment-target. */
    public ConnectionSettings segmentSettings() {
        return settings("--segment-target", segmentTarget);
    }

    private ConnectionSettings settings(String option, String address) {
        if (!HOST_PORT.matcher(address).matches()) {
            throw CliException.usage(option + " must be host:port, got '" + address + "'");
        }
        if (deadlineSeconds <= 0 || streamDeadlineSeconds <= 0) {
            throw CliException.usage("--deadline-seconds and --stream-deadline-seconds must be positive");
        }
        BearerToken bearer = bearerToken();
        Tenancy tenancy = tenancy(tenant, System.getenv("PERSONA_TENANT"), bearer.token());
        return new ConnectionSettings(address, security(), tenancy.tenant(), tenancy.fromToken(), bearer.token(),
                Duration.ofSeconds(deadlineSeconds), Duration.ofSeconds(streamDeadlineSeconds));
    }

    /**
     * TLS or plaintext (found once per command; the plaintext warning is printed then): see {@link #security(boolean,
     * Path, Map)}.
     */
    ChannelSecurity security() {
        if (security == null) {
            security = security(plaintext, ca, System.getenv());
            if (security.plaintext()) {
                PrintWriter err = command != null ? command.commandLine().getErr()
                        : new PrintWriter(System.err, true);
                err.println(PLAINTEXT_WARNING);
                err.flush();
            }
        }
        return security;
    }

    /**
     * The transport rule: plaintext with {@code --plaintext} or {@code PERSONA_PLAINTEXT=true}; else TLS trusting the
     * first of {@code --ca}, {@code PERSONA_CA}, the local CA {@code .persona/security/ca.pem} under
     * {@link LocalSecurity#home} when it exists; else the JVM's default trust store. A named CA file that is missing or
     * holds no PEM certificate is a usage error.
     */
    static ChannelSecurity security(boolean plaintextOption, Path caOption, Map<String, String> env) {
        if (plaintextOption || "true".equalsIgnoreCase(env.getOrDefault("PERSONA_PLAINTEXT", "").strip())) {
            return ChannelSecurity.insecure();
        }
        if (caOption != null) {
            return trusting(caOption, "--ca");
        }
        String variable = env.get("PERSONA_CA");
        if (variable != null && !variable.isBlank()) {
            return trusting(Path.of(variable.strip()), "PERSONA_CA");
        }
        Path local = LocalSecurity.defaultDir(env).resolve(LocalTls.CA_CERTIFICATE);
        if (Files.isRegularFile(local)) {
            return trusting(local, "the local CA of ./suite up");
        }
        return ChannelSecurity.defaultTrust();
    }

    private static ChannelSecurity trusting(Path file, String origin) {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage(origin + ": no such file: " + file);
        }
        try {
            Certificates.read(file);
            return ChannelSecurity.trusting(file, origin);
        } catch (IllegalArgumentException | IOException e) {
            throw CliException.usage(origin + ": " + e.getMessage());
        }
    }
    /** The token the calls carry and where it came from (found once per command). */
    BearerToken bearerToken() {
        if (bearerToken == null) {
            try {
                bearerToken = BearerToken.locate(token, System.getenv());
            } catch (UncheckedIOException e) {
                throw CliException.usage(e.getMessage());
            }
        }
        return bearerToken;
    }

    /**
     * The tenant the calls act for and whether it goes in the header.
     *
     * @param tenant    the tenant
     * @param fromToken whether it is the token's only tenant, sent as no header (the service takes it from the token)
     */
    record Tenancy(String tenant, boolean fromToken) {
    }

    /**
     * The tenant rule: {@code --tenant}, else {@code PERSONA_TENANT}, each sent in the header; else the one tenant the
     * token grants (its {@code tenants} claim, read without verifying: the services verify), sent as no header; else
     * {@value #DEFAULT_TENANT} in the header.
     */
    static Tenancy tenancy(String option, String environment, Optional<String> token) {
        if (option != null) {
            return new Tenancy(option, false);
        }
        if (environment != null && !environment.isBlank()) {
            return new Tenancy(environment, false);
        }
        Optional<String> only = token.flatMap(Jwts::read).flatMap(Jwts.Claims::onlyTenant);
        return only.map(t -> new Tenancy(t, true)).orElseGet(() -> new Tenancy(DEFAULT_TENANT, false));
    }

    /**
     * What to tell someone whose call failed as UNAVAILABLE: in plaintext, that a service serving TLS closes such
     * connections; when the server answered without TLS, that it wants plaintext; when the TLS handshake failed
     * otherwise, what was trusted and how to trust another CA; else nothing.
     */
    Optional<String> unavailableHint(boolean tlsFailed, boolean answeredWithoutTls) {
        ChannelSecurity used = security();
        if (used.plaintext()) {
            return Optional.of("the call went in plaintext (--plaintext or PERSONA_PLAINTEXT=true): a service that "
                    + "serves TLS, as those of ./suite up do, closes such connections; drop --plaintext.");
        }
        if (answeredWithoutTls) {
            return Optional.of("the service serves no TLS (a test server or dev mode): pass --plaintext, or set "
                    + "PERSONA_PLAINTEXT=true, to call it unencrypted.");
        }
        if (tlsFailed) {
            return Optional.of("the TLS handshake failed trusting " + used.trust() + ": pass --ca <pem> (or set "
                    + "PERSONA_CA) with the CA that signed the services' certificate (./suite up's is "
                    + ".persona/security/ca.pem, trusted by default), and name a host that certificate lists "
                    + "(localhost under ./suite up).");
        }
        return Optional.empty();
    }

    /**
     * What to tell someone whose call was refused as UNAUTHENTICATED: that no token was sent, or which one was
     * refused, and how to get one.
     */
    String unauthenticatedHint() {
        BearerToken bearer = bearerToken();
        String mint = "persona token --tenant <tenant> --roles <role,...> mints one with the local key";
        if (!bearer.present()) {
            return "no bearer token was sent" + (bearer.origin().equals("nowhere") ? "" : " (" + bearer.origin()
                    + " is empty)") + ". ./suite up creates .persona/security/developer.jwt, which persona sends by "
                    + "default (persona security init creates it alone); else pass --token, or set PERSONA_TOKEN or "
                    + "PERSONA_TOKEN_FILE; " + mint + ".";
        }
        return "the token from " + bearer.origin() + " was refused: malformed, expired, or signed by a key or issuer "
                + "the services do not trust. persona security init re-mints .persona/security/developer.jwt when it "
                + "is about to expire; " + mint + ".";
    }
}
