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
 * What a service's {@code src/main/resources/application.properties} says about running it in production: the port,
 * the health paths, and the environment variables it reads ({@code ${NAME:default}} in the value of a property that
 * applies in the prod profile, i.e. an unprefixed or {@code %prod.} key).
 */
final class ServiceConfig {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    final String name;
    private final Properties props = new Properties();

    private ServiceConfig(String name, Path file) {
        this.name = name;
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** The configuration of the module {@code name}, a sibling of the deploy module. */
    static ServiceConfig of(String name) {
        return new ServiceConfig(name, Paths.repository().resolve(name).resolve("src/main/resources/application.properties"));
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

    /** gRPC is served on the HTTP port (no separate gRPC server), so one port carries the API and health. */
    boolean servesGrpcOnHttpPort() {
        return "false".equals(prod("quarkus.grpc.server.use-separate-server"));
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
        return "/" + strip(orDefault("quarkus.http.non-application-root-path", "q")) + "/" + strip(path);
    }

    private String healthPath(String property, String fallback) {
        String q = orDefault("quarkus.http.non-application-root-path", "q");
        String health = orDefault("quarkus.smallrye-health.root-path", "health");
        return "/" + strip(q) + "/" + strip(health) + "/" + strip(orDefault(property, fallback));
    }

    private String orDefault(String property, String fallback) {
        String v = prod(property);
        return v == null ? fallback : v;
    }

    private static String strip(String s) {
        return s.replaceAll("^/+|/+$", "");
    }
}
