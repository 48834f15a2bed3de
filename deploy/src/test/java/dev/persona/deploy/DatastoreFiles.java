package dev.persona.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' own datastore accounts as {@code deploy/datastores} defines them, and how the deployments name them:
 * per service (by its short name, {@code profile} for profile-service) the PostgreSQL role {@code persona_<name>}
 * (postgres-roles.sql), the Redis user {@code persona-<name>} (redis-users.acl), one password for both, which
 * {@code persona security init} writes to {@code datastores/persona-<name>}, postgres-roles.sql reads as the session
 * setting {@code persona.<name>_password} and Kubernetes keeps in the Secret {@code persona-<name>-datastore}.
 */
final class DatastoreFiles {

    static final String ROLES_SQL = "postgres-roles.sql";
    static final String REDIS_ACL = "redis-users.acl";
    static final String REDIS_SCRIPT = "redis-users.sh";
    /** The ConfigMap that deploy/datastores' kustomization generates from its files. */
    static final String CONFIG_MAP = "persona-datastores";
    /** The administrators, whom no service may be. */
    static final String REDIS_DEFAULT_USER = "default";

    private DatastoreFiles() {
    }

    static Path dir() {
        return Paths.module().resolve("datastores");
    }

    static String read(String file) {
        try {
            return Files.readString(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    /** profile for profile-service. */
    static String shortName(String service) {
        return service.replaceFirst("-service$", "");
    }

    static String role(String service) {
        return "persona_" + shortName(service);
    }

    static String redisUser(String service) {
        return "persona-" + shortName(service);
    }

    /** The file of {@code persona security init}'s datastores folder holding the service's password. */
    static String passwordFile(String service) {
        return redisUser(service);
    }

    /** The session setting postgres-roles.sql reads the role's password from. */
    static String passwordSetting(String service) {
        return "persona." + shortName(service) + "_password";
    }

    /** The Kubernetes Secret with the service's accounts (keys db-user, db-password, redis-user, redis-password). */
    static String secret(String service) {
        return "persona-" + shortName(service) + "-datastore";
    }

    /** The short names of the services postgres-roles.sql makes a role for: its {@code FOREACH svc IN ARRAY ARRAY[...]}. */
    static Set<String> roleServices() {
        Matcher m = Pattern.compile("FOREACH svc IN ARRAY\\s+ARRAY\\[([^\\]]*)]").matcher(read(ROLES_SQL));
        if (!m.find()) {
            throw new AssertionError(ROLES_SQL + " no longer loops over the services: FOREACH svc IN ARRAY ARRAY[...]");
        }
        Set<String> names = new TreeSet<>();
        for (String quoted : m.group(1).split(",")) {
            names.add(quoted.trim().replaceAll("^'(.*)'$", "$1"));
        }
        return names;
    }

    /** The users redis-users.acl defines: the first word of each line that is neither blank nor a comment. */
    static Set<String> redisUsers() {
        Set<String> users = new TreeSet<>();
        for (String line : read(REDIS_ACL).lines().toList()) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                users.add(trimmed.split("\\s+")[0]);
            }
        }
        return users;
    }

    /** The rules redis-users.acl gives a user (everything after its name). */
    static String redisRules(String user) {
        for (String line : read(REDIS_ACL).lines().toList()) {
            List<String> words = List.of(line.trim().split("\\s+", 2));
            if (words.size() == 2 && words.get(0).equals(user)) {
                return words.get(1).trim();
            }
        }
        throw new AssertionError(REDIS_ACL + " has no user " + user);
    }
}
