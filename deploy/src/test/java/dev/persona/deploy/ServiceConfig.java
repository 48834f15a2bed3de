package dev.persona.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's configuration says about running it in production: the API and management ports, the health and
 * metrics paths, and the environment variables it reads ({@code ${NAME:default}} in the value of a property that
 * applies in the prod profile, i.e. an unprefixed or {@code %prod.} key). The configuration is common's
 * {@code META-INF/microprofile-config.properties} (what every service shares: authentication) overridden by the
 * service's own {@code src/main/resources/application.properties}, as Quarkus reads them (ordinals 100 and 250).
 */
final class ServiceConfig {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    final String name;
    private final Properties props = new Properties();

    private ServiceConfig(String name, Path... files) {
        this.name = name;
        for (Path file : files) {
            try (Reader r = Files.newBufferedReader(file)) {
                props.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(file.toString(), e);
            }
        }
    }

    /** The configuration every service shares, from module common. */
    static Path commonFile() {
        return Paths.repository().resolve("common/src/main/resources/META-INF/microprofile-config.properties");
    }

    /** The configuration of the module {@code name}, a sibling of the deploy module: common's, then its own. */
    static ServiceConfig of(String name) {
        return new ServiceConfig(name, commonFile(),
                Paths.repository().resolve(name).resolve("src/main/resources/application.properties"));
    }

    /** common's shared configuration alone. */
    static ServiceConfig common() {
        return new ServiceConfig("common", commonFile());
    }

    /** The value a property takes in the prod profile, or null. */
    String prod(String property) {
        String v = props.getProperty("%prod." + property);
        return v != null ? v : props.getProperty(property);
    }

    /** The environment variable the property's prod value reads, or null when it reads none. */
    String envOf(String property) {
        String v = prod(property);
        if (v == null) {
            return null;
        }
        Matcher m = ENV_REFERENCE.matcher(v);
        return m.find() ? m.group(1) : null;
    }

    /** The default the property's prod value falls back to when its environment variable is unset. */
    String defaultOf(String property) {
        Matcher m = ENV_REFERENCE.matcher(prod(property));
        return m.find() ? m.group(2) : prod(property);
    }

    /** Every property that applies in the prod profile (unprefixed or {@code %prod.} keys), without the prefix. */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                keys.add(key.substring("%prod.".length()));
            } else if (!key.startsWith("%")) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * The default a prod property falls back to when the environment variable {@code env} is unset
     * ({@code ${ENV:default}}; empty for {@code ${ENV}}), or null when no prod property reads it. Properties that read
     * the same variable must agree on its default.
     */
    String envDefault(String env) {
        Set<String> defaults = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            Matcher m = ENV_REFERENCE.matcher(props.getProperty(key));
            while (m.find()) {
                if (m.group(1).equals(env)) {
                    defaults.add(m.group(2) == null ? "" : m.group(2));
                }
            }
        }
        if (defaults.size() > 1) {
            throw new IllegalStateException(name + ": " + env + " has different defaults " + defaults);
        }
        return defaults.isEmpty() ? null : defaults.iterator().next();
    }

    /** Every environment variable the service reads in the prod profile. */
    Set<String> envNames() {
        Set<String> names = new TreeSet<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("%") && !key.startsWith("%prod.")) {
                continue;
            }
            Matcher m = ENV_REFERENCE.matcher(props.getProperty(key));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    String portEnv() {
        return envOf("quarkus.http.port");
    }

    int defaultPort() {
        return Integer.parseInt(defaultOf("quarkus.http.port"));
    }

    /** gRPC is served on the HTTP port (no separate gRPC server), so the API has one port. */
    boolean servesGrpcOnHttpPort() {
        return "false".equals(prod("quarkus.grpc.server.use-separate-server"));
    }

    /** Health and metrics are on the management interface, a port of their own, not on the API port. */
    boolean hasManagementInterface() {
        return "true".equals(prod("quarkus.management.enabled"));
    }

    String managementPortEnv() {
        return envOf("quarkus.management.port");
    }

    int defaultManagementPort() {
        return Integer.parseInt(defaultOf("quarkus.management.port"));
    }

    /** The variable naming the PEM public key file or JWKS URL that tokens are verified with. */
    String jwtPublicKeyEnv() {
        return envOf("mp.jwt.verify.publickey.location");
    }

    String jwtIssuerEnv() {
        return envOf("mp.jwt.verify.issuer");
    }

    /** The variable naming the file with the token the service presents to the services it calls. */
    String serviceTokenFileEnv() {
        return envOf("persona.security.service-token-file");
    }

    String authEnabledEnv() {
        return envOf("persona.security.enabled");
    }

    String reflectionEnv() {
        return envOf("quarkus.grpc.server.enable-reflection-service");
    }

    boolean usesDatabase() {
        return prod("quarkus.datasource.db-kind") != null;
    }

    boolean usesRedis() {
        return prod("quarkus.redis.hosts") != null;
    }

    boolean callsProfileService() {
        return prod("quarkus.grpc.clients.profile.host") != null;
    }

    /** The variables that carry the datastore connections (PostgreSQL URL, user, password; Redis URL): credentials. */
    Set<String> datastoreEnv() {
        Set<String> names = new LinkedHashSet<>();
        if (usesDatabase()) {
            names.add(envOf("quarkus.datasource.jdbc.url"));
            names.add(envOf("quarkus.datasource.username"));
            names.add(envOf("quarkus.datasource.password"));
        }
        if (usesRedis()) {
            names.add(envOf("quarkus.redis.hosts"));
        }
        return names;
    }

    /** The variables that say where profile-service is, for a service that calls it. */
    Set<String> peerEnv() {
        Set<String> names = new LinkedHashSet<>();
        if (callsProfileService()) {
            names.add(envOf("quarkus.grpc.clients.profile.host"));
            names.add(envOf("quarkus.grpc.clients.profile.port"));
        }
        return names;
    }

    String readinessPath() {
        return healthPath("quarkus.smallrye-health.readiness-path", "ready");
    }

    String livenessPath() {
        return healthPath("quarkus.smallrye-health.liveness-path", "live");
    }

    /** Where Micrometer's Prometheus registry serves: under the non-application root unless the path is absolute. */
    String metricsPath() {
        String path = orDefault("quarkus.micrometer.export.prometheus.path", "metrics");
        if (path.startsWith("/")) {
            return path;
        }
        return "/" + strip(nonApplicationRoot()) + "/" + strip(path);
    }

    private String healthPath(String property, String fallback) {
        String health = orDefault("quarkus.smallrye-health.root-path", "health");
        return "/" + strip(nonApplicationRoot()) + "/" + strip(health) + "/" + strip(orDefault(property, fallback));
    }

    /** Where health and metrics live: under the management interface's root when it is on, else the HTTP one's. */
    private String nonApplicationRoot() {
        return hasManagementInterface()
                ? orDefault("quarkus.management.root-path", "q")
                : orDefault("quarkus.http.non-application-root-path", "q");
    }

    private String orDefault(String property, String fallback) {
        String v = prod(property);
        return v == null ? fallback : v;
    }

    private static String strip(String s) {
        return s.replaceAll("^/+|/+$", "");
    }
}
