package dev.persona.cli;

import dev.persona.cli.grpc.ConnectionSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options of every command that calls the services (a picocli mixin). */
public final class ConnectionOptions {

    static final String DEFAULT_TENANT = "default";
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

    @Option(names = "--tenant", paramLabel = "<tenant>",
            description = "Tenant, sent as the x-tenant-id header (default: $PERSONA_TENANT, else \"default\").")
    String tenant;

    @Option(names = "--deadline-seconds", paramLabel = "<seconds>", defaultValue = "30",
            description = "Deadline of each single call (default: ${DEFAULT-VALUE}).")
    long deadlineSeconds;

    @Option(names = "--stream-deadline-seconds", paramLabel = "<seconds>", defaultValue = "3600",
            description = "Deadline of each import, export or build stream, and of each predictor training "
                    + "(default: ${DEFAULT-VALUE}).")
    long streamDeadlineSeconds;

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
        String envTenant = System.getenv("PERSONA_TENANT");
        String resolvedTenant = tenant != null ? tenant
                : envTenant != null && !envTenant.isBlank() ? envTenant : DEFAULT_TENANT;
        return new ConnectionSettings(address, resolvedTenant, Duration.ofSeconds(deadlineSeconds),
                Duration.ofSeconds(streamDeadlineSeconds));
    }
}
