package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code deploy/compose.yaml}, read into a small typed model (a key the model does not know fails the parse, so
 * nothing goes unchecked) and checked against each service's configuration and its Dockerfile: build context, API and
 * management ports, environment variable names, peer addresses, start order and health checks, the token key, the
 * service tokens, the TLS certificate, key and CA mounted from the git-ignored files {@code persona security init}
 * writes, each service's own datastore accounts (its role and Redis user, its password from its own secret, put into
 * its environment by its entrypoint) and the one-shot services that create them from deploy/datastores before the
 * services start, and that no credential other
 * than an overridable dev default is written down. There is no Docker engine to run it here; where
 * {@code docker compose} works, {@code docker compose config -q} validates it against the Compose specification too.
 */
class ComposeFileTest {

    static final String POSTGRES = "postgres";
    static final String REDIS = "redis";
    /** The one-shot services that create the services' own accounts, before those start. */
    static final String POSTGRES_ROLES = "postgres-roles";
    static final String REDIS_USERS = "redis-users";
    static final Set<String> ACCOUNT_STEPS = Set.of(POSTGRES_ROLES, REDIS_USERS);
    /** The one host folder mounted: deploy/datastores, read-only, into the one-shots. */
    static final String DATASTORES_DIR = "/etc/persona/datastores";
    static final String DATASTORES_MOUNT = "./datastores:" + DATASTORES_DIR + ":ro";
    /** The credentials the file may hold: dev defaults that an environment variable overrides. */
    static final Set<String> DEV_DEFAULTS = Set.of("persona");
    /** Names of environment variables that carry a credential. */
    static final Pattern CREDENTIAL = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY|CREDENTIAL).*");
    /** Where Compose mounts a service's secrets. */
    static final String SECRETS_DIR = "/run/secrets/";
    /** The folder, relative to compose.yaml, that {@code persona security init --dir deploy/.secrets} writes. */
    static final String SECRET_FILES = ".secrets/";
    /** The files it writes there that the services read: the public key, and one token per calling service. */
    static final String PUBLIC_KEY_FILE = "jwt-public.pem";
    /** ...the server certificate and key every service serves its API with, and the CA that signed them. */
    static final String TLS_CERT_FILE = "tls.crt";
    static final String TLS_KEY_FILE = "tls.key";
    static final String CA_FILE = "ca.pem";
    /** ...and the private keys that stay on the developer's machine: the token signer's and the CA's. */
    static final Set<String> PRIVATE_KEY_FILES = Set.of("jwt-private.pem", "ca-key.pem");
    /** ...and, in this subfolder, one datastore password per service, named after its Redis user. */
    static final String DATASTORE_PASSWORDS = "datastores/";

    // -- the model: exactly the Compose keys the file uses ---------------------------------------------------------

    record ComposeFile(String name, Map<String, ComposeService> services, Map<String, Object> volumes,
                       Map<String, ComposeSecret> secrets) {
    }

    /** A secret of the file: in Compose (no Swarm), a file of the host bind-mounted read-only at /run/secrets/name. */
    record ComposeSecret(String file) {
    }

    record ComposeService(
            String image,
            Build build,
            List<String> entrypoint,
            List<String> command,
            Map<String, String> environment,
            List<Port> ports,
            @JsonProperty("depends_on") Map<String, Dependency> dependsOn,
            Healthcheck healthcheck,
            List<String> volumes,
            @JsonProperty("read_only") Boolean readOnly,
            List<String> tmpfs,
            List<String> secrets) {

        Map<String, String> env() {
            return environment == null ? Map.of() : environment;
        }

        Map<String, Dependency> dependencies() {
            return dependsOn == null ? Map.of() : dependsOn;
        }

        List<String> mountedSecrets() {
            return secrets == null ? List.of() : secrets;
        }
    }

    record Build(String context, String dockerfile) {
    }

    record Port(int target, String published, @JsonProperty("host_ip") String hostIp, String protocol) {
    }

    record Dependency(String condition) {
    }

    record Healthcheck(List<String> test, String interval, String timeout, Integer retries,
                       @JsonProperty("start_period") String startPeriod) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path FILE = Paths.module().resolve("compose.yaml");
    private static ComposeFile compose;

    static synchronized ComposeFile compose() {
        if (compose == null) {
            try {
                compose = YAML.readValue(FILE.toFile(), ComposeFile.class);
            } catch (IOException e) {
                throw new UncheckedIOException(FILE + " does not fit the model", e);
            }
        }
        return compose;
    }

    static ComposeService service(String name) {
        ComposeService s = compose().services().get(name);
        assertNotNull(s, "compose.yaml has no service " + name);
        return s;
    }

    static List<String> services() {
        return KubernetesManifestsTest.SERVICES;
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void theFileIsTheSuiteWithItsDatastoresAndNoVersionKey() throws IOException {
        JsonNode raw = YAML.readTree(FILE.toFile());
        assertFalse(raw.has("version"), "the Compose specification has no version key");
        assertEquals("persona", compose().name(), "one project name wherever compose is run from");
        Set<String> expected = new TreeSet<>(services());
        expected.add(POSTGRES);
        expected.add(REDIS);
        expected.addAll(ACCOUNT_STEPS);
        assertEquals(expected, new TreeSet<>(compose().services().keySet()), "services of compose.yaml");
        assertTrue(service(POSTGRES).image().matches("postgres:\\d+"), "a PostgreSQL image by major version");
        assertTrue(service(REDIS).image().matches("redis:\\d+"), "a Redis image by major version");

        Set<String> used = new TreeSet<>();
        compose().services().forEach((name, s) -> {
            for (String v : s.volumes() == null ? List.<String>of() : s.volumes()) {
                String source = v.substring(0, v.indexOf(':'));
                if (ACCOUNT_STEPS.contains(name) && v.equals(DATASTORES_MOUNT)) {
                    continue;
                }
                assertFalse(source.startsWith(".") || source.startsWith("/"), name + " mounts a host path: " + v);
                used.add(source);
            }
        });
        Set<String> declared = compose().volumes() == null ? Set.of() : new TreeSet<>(compose().volumes().keySet());
        assertEquals(declared, used, "every named volume is declared and used");
        assertTrue(service(POSTGRES).volumes().stream().anyMatch(v -> v.endsWith(":/var/lib/postgresql/data")),
                "PostgreSQL keeps its data in a named volume");
        assertTrue(service(REDIS).volumes().stream().anyMatch(v -> v.endsWith(":/data")),
                "Redis keeps its ACL file in a named volume, at the image's /data");
        for (String step : ACCOUNT_STEPS) {
            assertEquals(List.of(DATASTORES_MOUNT), service(step).volumes(), step + " mounts deploy/datastores, read-only");
        }
    }

    @Test
    void theModelRefusesKeysItDoesNotKnow() {
        assertThrows(IOException.class, () -> YAML.readValue("services: {a: {image: x, privileged: true}}", ComposeFile.class));
        assertThrows(IOException.class, () -> YAML.readValue("version: '3.8'\nservices: {}", ComposeFile.class));
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceIsBuiltFromItsJvmDockerfileAndTaggedAsTheManifestsExpect(String s) throws IOException {
        ComposeService svc = service(s);
        assertNotNull(svc.build(), s + " is built here");
        Path context = Paths.module().resolve(svc.build().context()).normalize();
        assertEquals(Paths.repository().resolve(s), context, s + "'s build context is its module");
        assertEquals("src/main/docker/Dockerfile.jvm", svc.build().dockerfile(), s + " uses the JVM Dockerfile");
        Path dockerfile = context.resolve(svc.build().dockerfile());
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " exists");
        assertTrue(Files.readString(dockerfile).contains("COPY --chown=185 target/quarkus-app/"),
                s + ": the image is the packaged fast-jar, so ./mvnw package must run first");
        assertEquals("persona/" + s + ":" + ImagesTest.projectVersion(), svc.image(),
                s + ": the image name the dev overlay runs");
        assertEquals(Boolean.TRUE, svc.readOnly(), s + " runs on a read-only root filesystem");
        assertEquals(List.of("/tmp"), svc.tmpfs(), s + " has a writable /tmp, and nothing else");
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServicePublishesItsApiAndManagementPortsAsItsConfigurationListensOnThem(String s) throws IOException {
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        ComposeService svc = service(s);
        assertTrue(cfg.hasManagementInterface(), s + " serves health and metrics on a management port");
        assertEquals(2, svc.ports().size(), s + " publishes its API and its management port");
        int api = port(s);
        int management = managementPort(s);
        assertEquals(cfg.defaultPort(), api, s + "'s API port is quarkus.http.port's default");
        assertEquals(cfg.defaultManagementPort(), management, s + "'s management port is quarkus.management.port's default");
        assertEquals(List.of(api, management), ImagesTest.exposed(
                Files.readString(Paths.module().resolve(svc.build().context()).resolve(svc.build().dockerfile()))),
                s + ": the ports its Dockerfile exposes");
        for (Port p : svc.ports()) {
            assertEquals(String.valueOf(p.target()), interpolate(p.published()), s + " is published on its own ports");
        }
        for (String[] portEnv : new String[][] {{cfg.portEnv(), String.valueOf(api)},
                {cfg.managementPortEnv(), String.valueOf(management)}}) {
            String set = svc.env().get(portEnv[0]);
            if (set != null) {
                assertEquals(portEnv[1], interpolate(set), s + " sets " + portEnv[0] + " to another port");
            }
        }
    }

    @Test
    void portsArePublishedOnLoopbackOnlyAndNeverTwice() {
        Set<String> published = new HashSet<>();
        compose().services().forEach((name, s) -> {
            if (ACCOUNT_STEPS.contains(name)) {
                assertNull(s.ports(), name + " runs once and publishes nothing");
                return;
            }
            assertNotNull(s.ports(), name + " publishes its port");
            for (Port p : s.ports()) {
                assertEquals("127.0.0.1", p.hostIp(), name + ": dev credentials stay off the network");
                assertEquals("tcp", p.protocol(), name);
                assertTrue(published.add(interpolate(p.published())), name + " publishes " + p.published() + " twice");
            }
        });
        assertEquals(5432, port(POSTGRES));
        assertEquals(6379, port(REDIS));
    }

    @ParameterizedTest
    @MethodSource("services")
    void environmentVariablesAreThoseTheConfigurationReads(String s) {
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        Map<String, String> env = service(s).env();
        for (String name : env.keySet()) {
            assertTrue(cfg.envNames().contains(name),
                    s + " sets " + name + ", which its application.properties never reads " + cfg.envNames());
        }
        Set<String> required = new LinkedHashSet<>(cfg.datastoreEnv());
        required.addAll(cfg.peerEnv());
        required.add(cfg.jwtPublicKeyEnv());
        required.add(KubernetesManifestsTest.TLS_CERT_ENV);
        required.add(KubernetesManifestsTest.TLS_KEY_ENV);
        if (cfg.callsProfileService()) {
            required.add(cfg.serviceTokenFileEnv());
            required.add(KubernetesManifestsTest.TLS_CA_ENV);
        } else {
            assertFalse(env.containsKey(cfg.serviceTokenFileEnv()), s + " calls no service, needs no token");
        }
        assertFalse(required.contains(null), s + ": a property compose must set reads no environment variable");
        if (cfg.usesDatabase()) {
            // Set by its entrypoint, from its secret (below), never a value of compose.yaml.
            String password = cfg.envOf("quarkus.datasource.password");
            required.remove(password);
            assertFalse(env.containsKey(password), s + "'s " + password + " is read from its secret at start");
        }
        for (String name : required) {
            assertTrue(env.containsKey(name), s + " must set " + name + " (its default points at localhost, or nowhere)");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void datastoreAddressesAndCredentialsAreThoseOfTheComposeDatastores(String s) {
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        Map<String, String> env = service(s).env();
        Map<String, String> pg = service(POSTGRES).env();
        if (cfg.usesDatabase()) {
            String url = interpolate(set(s, env, cfg.envOf("quarkus.datasource.jdbc.url")));
            assertTrue(url.startsWith("jdbc:postgresql://"), s + ": " + url);
            URI jdbc = URI.create(url.substring("jdbc:".length()));
            assertEquals(POSTGRES, jdbc.getHost(), s + " reaches PostgreSQL by its compose service name");
            assertEquals(port(POSTGRES), jdbc.getPort(), s + ": PostgreSQL's port");
            assertEquals(interpolate(pg.get("POSTGRES_DB")), jdbc.getPath().substring(1), s + ": the database compose creates");
            assertNull(jdbc.getQuery(), s + ": nothing, credentials least of all, in the JDBC URL's query");
            String user = interpolate(set(s, env, cfg.envOf("quarkus.datasource.username")));
            assertEquals(DatastoreFiles.role(s), user, s + " logs in to PostgreSQL as its own role");
            assertNotEquals(interpolate(pg.get("POSTGRES_USER")), user, s + " is not the superuser");
            assertFalse(env.containsKey(cfg.envOf("quarkus.datasource.password")), s + ": its password is no value here");
        } else {
            for (String name : databaseEnv()) {
                assertFalse(env.containsKey(name), s + " has no database, so no " + name);
            }
        }
        if (cfg.usesRedis()) {
            URI redis = URI.create(interpolate(set(s, env, cfg.envOf("quarkus.redis.hosts"))));
            assertEquals("redis", redis.getScheme());
            assertEquals(REDIS, redis.getHost(), s + " reaches Redis by its compose service name");
            assertEquals(port(REDIS), redis.getPort(), s + ": Redis's port");
            // The user only: the entrypoint adds the password after it.
            assertEquals(DatastoreFiles.redisUser(s), redis.getUserInfo(), s + " logs in to Redis as its own user");
            assertTrue(DatastoreFiles.redisUsers().contains(redis.getUserInfo()), s + ": redis-users.acl defines its user");
            assertNotEquals(DatastoreFiles.REDIS_DEFAULT_USER, redis.getUserInfo(), s + " is not Redis's default user");
        }
    }

    /**
     * Each service's entrypoint reads its password from its own secret, the file of deploy/.secrets/datastores named
     * after its Redis user, into the database password variable (a service with a database) and REDIS_URL (after the
     * user), in the process's environment only, then runs its image's entrypoint.
     */
    @ParameterizedTest
    @MethodSource("services")
    void eachServiceReadsItsOwnPasswordFromItsOwnSecretAtStart(String s) throws IOException {
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        ComposeService svc = service(s);
        String secret = DatastoreFiles.passwordFile(s);
        assertEquals(DATASTORE_PASSWORDS + DatastoreFiles.passwordFile(s), secretFile(s, SECRETS_DIR + secret),
                s + "'s password is its file of " + SECRET_FILES + DATASTORE_PASSWORDS);
        assertNotNull(svc.entrypoint(), s + " reads its password at start");
        assertEquals(List.of("bash", "-c"), svc.entrypoint().subList(0, 2), s + ": bash, which the runtime image has");
        assertEquals(3, svc.entrypoint().size(), s + ": one script");
        StringBuilder expected = new StringBuilder("p=\"$(cat " + SECRETS_DIR + secret + ")\" && export ");
        if (cfg.usesDatabase()) {
            expected.append(cfg.envOf("quarkus.datasource.password")).append("=\"$p\" ");
        }
        String url = cfg.envOf("quarkus.redis.hosts");
        expected.append(url).append("=\"${").append(url).append("/@/:$p@}\" && exec ").append(dockerEntrypoint(s));
        assertEquals(expected.toString(), interpolate(svc.entrypoint().get(2)),
                s + "'s entrypoint: its password into its environment, then its image's entrypoint");
    }

    /** The entrypoints, run with bash where it is installed: what the service's process gets. */
    @ParameterizedTest
    @MethodSource("services")
    void theEntrypointGivesTheServiceItsPasswordInItsEnvironment(String s, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash to run the entrypoint with");
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        String password = "0123456789abcdef0123456789abcdef0123456789abcdef";
        Files.writeString(secrets.resolve(DatastoreFiles.passwordFile(s)), password);
        Path java = dir.resolve("run-java.sh");
        Files.writeString(java, "#!/bin/sh\necho \"args=$# DB_PASSWORD=${DB_PASSWORD:-unset} REDIS_URL=$REDIS_URL\"\n");
        assertTrue(java.toFile().setExecutable(true));
        String script = interpolate(service(s).entrypoint().get(2))
                .replace(SECRETS_DIR, secrets + "/").replace(dockerEntrypoint(s), java.toString());
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", script).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> !k.equals("PATH"));
        service(s).env().forEach((k, v) -> pb.environment().put(k, interpolate(v)));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String redis = "redis://" + DatastoreFiles.redisUser(s) + ":" + password + "@" + REDIS + ":" + port(REDIS);
        assertEquals("args=0 DB_PASSWORD=" + (cfg.usesDatabase() ? password : "unset") + " REDIS_URL=" + redis, out,
                s + ": the password reaches the service in its environment, and nowhere else");
        Files.delete(secrets.resolve(DatastoreFiles.passwordFile(s)));
        Process missing = pb.start();
        missing.getInputStream().readAllBytes();
        assertTrue(missing.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, missing.exitValue(), s + " does not start without its password");
    }

    /**
     * The one-shots that create the accounts: postgres-roles runs deploy/datastores/postgres-roles.sql as the
     * superuser, with each role's password from the service's secret in PGOPTIONS; redis-users runs redis-users.sh
     * with the secrets (named after the users) and saves the users into Redis's ACL file. Each on its datastore's
     * image, once that answers.
     */
    @Test
    void theAccountsAreCreatedFromDeployDatastoresWithTheServicesSecrets() {
        Map<String, String> pg = service(POSTGRES).env();
        ComposeService roles = service(POSTGRES_ROLES);
        assertEquals(service(POSTGRES).image(), roles.image(), "psql of the server's own version");
        Map<String, String> env = roles.env();
        assertEquals(POSTGRES, env.get("PGHOST"));
        assertEquals(String.valueOf(port(POSTGRES)), interpolate(env.get("PGPORT")));
        assertEquals(interpolate(pg.get("POSTGRES_DB")), env.get("PGDATABASE"), "the database the services use");
        // The same expressions, so an override of POSTGRES_USER or POSTGRES_PASSWORD reaches both sides.
        assertEquals(pg.get("POSTGRES_USER"), env.get("PGUSER"), "as the superuser");
        assertEquals(pg.get("POSTGRES_PASSWORD"), env.get("PGPASSWORD"), "the superuser's password");
        assertEquals(List.of("sh", "-c"), roles.command().subList(0, 2));
        String script = interpolate(roles.command().get(2));
        assertTrue(script.startsWith("set -e;"), "a password that cannot be read stops it: " + script);
        assertTrue(script.endsWith("; export PGOPTIONS; exec psql -X -q -v ON_ERROR_STOP=1 -f " + DATASTORES_DIR + "/"
                + DatastoreFiles.ROLES_SQL), "psql runs postgres-roles.sql, stopping at the first error: " + script);
        Matcher options = Pattern.compile("PGOPTIONS=\"([^\"]*)\"").matcher(script);
        assertTrue(options.find(), "the passwords reach psql in PGOPTIONS, its environment: " + script);
        Set<String> secrets = new TreeSet<>();
        List<String> settings = new ArrayList<>();
        for (String s : services()) {
            if (KubernetesManifestsTest.config(s).usesDatabase()) {
                settings.add("-c " + DatastoreFiles.passwordSetting(s) + "=$(cat " + SECRETS_DIR
                        + DatastoreFiles.passwordFile(s) + ")");
                secrets.add(DatastoreFiles.passwordFile(s));
            }
        }
        assertEquals(String.join(" ", settings), options.group(1), "a password for each role postgres-roles.sql makes");
        assertEquals(DatastoreFiles.roleServices(), services().stream()
                .filter(s -> KubernetesManifestsTest.config(s).usesDatabase()).map(DatastoreFiles::shortName)
                .collect(Collectors.toCollection(TreeSet::new)), DatastoreFiles.ROLES_SQL);
        assertEquals(secrets, new TreeSet<>(roles.mountedSecrets()), POSTGRES_ROLES + " mounts the database services' passwords");

        ComposeService users = service(REDIS_USERS);
        assertEquals(service(REDIS).image(), users.image(), "redis-cli of the server's own version");
        assertEquals(List.of("sh", "-c"), users.command().subList(0, 2));
        String redis = interpolate(users.command().get(2));
        String server = "-h " + REDIS + " -p " + port(REDIS);
        assertEquals("set -e; sh " + DATASTORES_DIR + "/" + DatastoreFiles.REDIS_SCRIPT + " " + SECRETS_DIR.replaceAll("/$", "")
                + " " + server + "; test \"$(redis-cli " + server + " ACL SAVE)\" = OK", redis,
                "redis-users.sh with the secrets, then the users saved into the ACL file");
        assertEquals(DatastoreFiles.redisUsers(), new TreeSet<>(users.mountedSecrets()),
                REDIS_USERS + " mounts a password for every user of redis-users.acl, named after the user (as the "
                        + "script reads them)");
        assertTrue(Files.isRegularFile(DatastoreFiles.dir().resolve(DatastoreFiles.REDIS_SCRIPT)));
        for (String step : ACCOUNT_STEPS) {
            assertNull(service(step).healthcheck(), step + " runs once: the services wait for it to complete");
            assertTrue(service(step).env().keySet().stream().noneMatch(k -> k.contains("OPTIONS")),
                    step + ": no password in a value of compose.yaml");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void peersAreAddressedByComposeServiceNameAndPort(String s) {
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        if (!cfg.callsProfileService()) {
            return;
        }
        Map<String, String> env = service(s).env();
        String host = interpolate(set(s, env, cfg.envOf("quarkus.grpc.clients.profile.host")));
        String port = interpolate(set(s, env, cfg.envOf("quarkus.grpc.clients.profile.port")));
        ComposeService peer = compose().services().get(host);
        assertNotNull(peer, s + " calls " + host + ", which is no compose service");
        assertNotNull(peer.build(), s + " calls " + host + ", which is not built here");
        assertEquals(Paths.repository().resolve("profile-service"),
                Paths.module().resolve(peer.build().context()).normalize(), s + " calls " + host + ", which is not profile-service");
        assertEquals(String.valueOf(port(host)), port, s + " calls profile-service on the port it listens on");
        assertNotNull(service(s).dependencies().get(host), s + " starts after the profile-service it calls");
    }

    @Test
    void dependenciesExistAreAcyclicAndWaitForHealth() {
        Map<String, ComposeService> all = compose().services();
        Set<String> conditions = Set.of("service_started", "service_healthy", "service_completed_successfully");
        all.forEach((name, s) -> s.dependencies().forEach((target, d) -> {
            assertTrue(all.containsKey(target), name + " depends on " + target + ", which is no service");
            assertTrue(conditions.contains(d.condition()), name + ": condition " + d.condition());
            if (d.condition().equals("service_healthy")) {
                assertNotNull(all.get(target).healthcheck(), name + " waits for " + target + "'s health, which it lacks");
            }
        }));
        for (String name : all.keySet()) {
            assertAcyclic(name, new ArrayList<>());
        }
        assertTrue(service(POSTGRES).dependencies().isEmpty() && service(REDIS).dependencies().isEmpty(),
                "the datastores start on their own (up -d postgres redis starts nothing else)");
        assertEquals(Map.of(POSTGRES, new Dependency("service_healthy")), service(POSTGRES_ROLES).dependencies(),
                POSTGRES_ROLES + " runs once PostgreSQL answers");
        assertEquals(Map.of(REDIS, new Dependency("service_healthy")), service(REDIS_USERS).dependencies(),
                REDIS_USERS + " runs once Redis answers");
        for (String s : services()) {
            ServiceConfig cfg = KubernetesManifestsTest.config(s);
            Map<String, Dependency> deps = service(s).dependencies();
            Set<String> expected = new TreeSet<>();
            if (cfg.usesDatabase()) {
                expected.add(POSTGRES);
                expected.add(POSTGRES_ROLES);
            }
            if (cfg.usesRedis()) {
                expected.add(REDIS);
                expected.add(REDIS_USERS);
            }
            if (cfg.callsProfileService()) {
                expected.add(interpolate(service(s).env().get(cfg.envOf("quarkus.grpc.clients.profile.host"))));
            }
            assertEquals(expected, new TreeSet<>(deps.keySet()), s + " depends on what it uses, and only that");
            for (String d : List.of(POSTGRES, REDIS)) {
                if (deps.containsKey(d)) {
                    assertEquals("service_healthy", deps.get(d).condition(), s + " waits until " + d + " answers");
                }
            }
            for (String d : ACCOUNT_STEPS) {
                if (deps.containsKey(d)) {
                    assertEquals("service_completed_successfully", deps.get(d).condition(),
                            s + " starts once " + d + " has made its account");
                }
            }
        }
    }

    @Test
    void theDatastoresHaveHealthChecksThatAskTheServer() {
        String pg = String.join(" ", service(POSTGRES).healthcheck().test());
        assertTrue(pg.startsWith("CMD-SHELL pg_isready -h 127.0.0.1 "), "PostgreSQL ready over TCP, not just the socket: " + pg);
        String redis = String.join(" ", service(REDIS).healthcheck().test());
        assertTrue(redis.matches("CMD-SHELL redis-cli .*ping \\| grep -q PONG"), "Redis answers PONG: " + redis);
        List<String> command = service(REDIS).command();
        assertEquals(List.of("sh", "-c"), command.subList(0, 2), "Redis starts from a script: " + command);
        String script = interpolate(command.get(2));
        Matcher m = Pattern.compile("; exec docker-entrypoint\\.sh redis-server (.*)$").matcher(script);
        assertTrue(m.find(), "redis-server through the image's entrypoint, which starts it as the redis user: " + script);
        List<String> args = List.of(m.group(1).split(" "));
        int i = args.indexOf("--save");
        assertEquals("''", args.get(i + 1), "--save '': no snapshots");
        assertEquals("no", args.get(args.indexOf("--appendonly") + 1), "no append-only file");
        assertTrue(args.contains("--aclfile"), "Redis keeps its users in an ACL file: " + args);
        String aclFile = args.get(args.indexOf("--aclfile") + 1);
        assertTrue(service(REDIS).volumes().stream().anyMatch(v -> aclFile.startsWith(v.substring(v.indexOf(':') + 1) + "/")),
                "the ACL file is in Redis's volume, so that the users redis-users saves outlive a restart: " + aclFile);
        // Until redis-users has run, the default user alone, without a password: Redis as it is without an ACL file.
        assertEquals("[ -e " + aclFile + " ] || echo 'user default on nopass ~* &* +@all' > " + aclFile, script.substring(0, m.start()),
                "a new volume's ACL file: " + script);
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceHealthCheckAsksItsReadinessPathOnItsManagementPort(String s) {
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        Healthcheck h = service(s).healthcheck();
        assertNotNull(h, s + " has a health check, others wait on it");
        List<String> test = h.test();
        assertEquals(List.of("CMD", "bash", "-c"), test.subList(0, 3), s + ": bash, which the runtime image has; curl is not assumed");
        String script = test.get(3);
        assertTrue(script.contains("/dev/tcp/127.0.0.1/" + managementPort(s) + " "),
                s + " checks its own management port (the API port serves gRPC only): " + script);
        assertTrue(script.contains("GET " + cfg.readinessPath() + " HTTP/1.1"), s + " asks " + cfg.readinessPath() + ": " + script);
        assertTrue(script.contains("*' 200 '*"), s + ": healthy only on 200 (503 while PostgreSQL or Redis is down)");
        assertFalse(script.replace("$$", "").contains("$"), s + ": a single $ would be interpolated by compose: " + script);
        assertNotNull(h.startPeriod(), s + ": the JVM gets time to start");
    }

    @Test
    void noCredentialIsWrittenDownExceptOverridableDevDefaults() {
        Pattern overridable = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):-([^}]*)}");
        compose().services().forEach((name, s) -> s.env().forEach((key, value) -> {
            if (CREDENTIAL.matcher(key).matches() && value.startsWith(SECRETS_DIR)) {
                // A file, not a value: one of the service's own Compose secrets (checked below).
                assertTrue(s.mountedSecrets().contains(value.substring(SECRETS_DIR.length())),
                        name + "'s " + key + " names a secret it does not mount: " + value);
            } else if (CREDENTIAL.matcher(key).matches()) {
                Matcher m = overridable.matcher(value);
                assertTrue(m.matches(), name + "'s " + key + " is ${VARIABLE:-dev default}, not a literal: " + value);
                assertTrue(DEV_DEFAULTS.contains(m.group(2)), name + "'s " + key + " defaults to a dev value only");
            }
            String resolved = interpolate(value);
            if (resolved.matches("[a-z]+(:[a-z]+)?://.*")) {
                URI uri = URI.create(resolved.startsWith("jdbc:") ? resolved.substring(5) : resolved);
                assertTrue(uri.getUserInfo() == null || !uri.getUserInfo().contains(":"),
                        name + "'s " + key + " carries a password");
                assertFalse(resolved.toLowerCase().contains("password"), name + "'s " + key + " carries a password");
            }
        }));
        // Scripts read passwords from the secrets; none holds one.
        compose().services().forEach((name, s) -> {
            List<String> scripts = new ArrayList<>(s.command() == null ? List.of() : s.command());
            scripts.addAll(s.entrypoint() == null ? List.of() : s.entrypoint());
            for (String script : scripts) {
                Matcher m = Pattern.compile("(?i)(password[\\w.]*=)([^$\\s\"]+)").matcher(interpolate(script));
                assertFalse(m.find(), name + " writes a password down: " + script);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("services")
    void theTokenKeyTheServiceTokenAndTheTlsFilesAreMountedFromTheFilesPersonaSecurityInitWrites(String s) {
        ServiceConfig cfg = KubernetesManifestsTest.config(s);
        ComposeService svc = service(s);
        Map<String, String> env = svc.env();
        assertEquals(PUBLIC_KEY_FILE, secretFile(s, env.get(cfg.jwtPublicKeyEnv())),
                s + "'s " + cfg.jwtPublicKeyEnv() + " is the public key persona security init writes");
        assertEquals(TLS_CERT_FILE, secretFile(s, env.get(KubernetesManifestsTest.TLS_CERT_ENV)),
                s + " serves its API with the certificate persona security init writes");
        assertEquals(TLS_KEY_FILE, secretFile(s, env.get(KubernetesManifestsTest.TLS_KEY_ENV)), s + ": and its key");
        Set<String> expected = new TreeSet<>(Set.of(PUBLIC_KEY_FILE, TLS_CERT_FILE, TLS_KEY_FILE,
                DATASTORE_PASSWORDS + DatastoreFiles.passwordFile(s)));
        if (cfg.callsProfileService()) {
            String token = s + ".jwt";
            assertEquals(token, secretFile(s, env.get(cfg.serviceTokenFileEnv())),
                    s + "'s " + cfg.serviceTokenFileEnv() + " is its own token");
            expected.add(token);
        }
        String ca = env.get(KubernetesManifestsTest.TLS_CA_ENV);
        if (cfg.callsProfileService() || ca != null) {
            assertEquals(CA_FILE, secretFile(s, ca), s + " trusts the CA persona security init writes");
            expected.add(CA_FILE);
        }
        Set<String> mounted = new TreeSet<>();
        for (String name : svc.mountedSecrets()) {
            mounted.add(secretFile(s, SECRETS_DIR + name));
        }
        assertEquals(expected, mounted, s + " mounts what it reads, nothing more (never another service's token or "
                + "password, or a private key other than its TLS key)");
        String issuer = env.get(cfg.jwtIssuerEnv());
        if (issuer != null) {
            assertEquals(ServiceConfig.common().defaultOf("mp.jwt.verify.issuer"), interpolate(issuer),
                    s + ": the issuer of the tokens persona security init mints, by default");
        }
    }

    @Test
    void everySecretIsAFileOfTheGitIgnoredSecretsFolderAndUsed() throws IOException {
        Map<String, ComposeSecret> secrets = compose().secrets();
        assertNotNull(secrets, "compose.yaml declares its secrets");
        Set<String> used = new TreeSet<>();
        compose().services().values().forEach(s -> used.addAll(s.mountedSecrets()));
        assertEquals(new TreeSet<>(secrets.keySet()), used, "every secret is declared and used");
        secrets.forEach((name, secret) -> {
            assertNotNull(secret.file(), name + " is a file");
            String file = secret.file().startsWith(SECRET_FILES) ? secret.file().substring(SECRET_FILES.length()) : "/";
            if (file.startsWith(DATASTORE_PASSWORDS)) {
                // A datastore password: named after the Redis user, as redis-users.sh looks it up.
                assertEquals(DATASTORE_PASSWORDS + name, file, name + " is the password file of the user " + name);
                assertTrue(DatastoreFiles.redisUsers().contains(name), name + " is a user of redis-users.acl");
                file = file.substring(DATASTORE_PASSWORDS.length());
            }
            assertFalse(file.contains("/"),
                    name + " is read from " + SECRET_FILES + ", which persona security init writes: " + secret.file());
            assertFalse(secret.file().contains("private"), name + ": the private key is never mounted");
            assertFalse(PRIVATE_KEY_FILES.contains(secret.file().substring(SECRET_FILES.length())),
                    name + ": the token signer's and the CA's private keys are never mounted");
        });
        String folder = Paths.repository().relativize(Paths.module()).toString().replace('\\', '/') + "/" + SECRET_FILES;
        Set<String> ignores = new TreeSet<>(Files.readAllLines(Paths.repository().resolve(".gitignore")).stream()
                .map(String::trim).map(l -> l.startsWith("/") ? l.substring(1) : l)
                .map(l -> l.endsWith("/") ? l : l + "/").toList());
        assertTrue(ignores.contains(folder), ".gitignore ignores " + folder + ", where the keys and tokens are: " + ignores);
    }

    /** The README's Compose text says how ./persona trusts the Compose suite's certificates. */
    @Test
    void theReadmeTellsThePersonaCommandWhichCaToTrust() throws IOException {
        String readme = Files.readString(Paths.repository().resolve("README.md"));
        String ca = "deploy/" + SECRET_FILES + CA_FILE;
        assertTrue(readme.contains("--ca " + ca) && readme.contains("PERSONA_CA=" + ca),
                "README: ./persona --ca " + ca + ", or PERSONA_CA=" + ca);
    }

    @Test
    void authenticationIsNeverOffAndReflectionOffUnlessAsked() {
        for (String s : services()) {
            ServiceConfig cfg = KubernetesManifestsTest.config(s);
            Map<String, String> env = service(s).env();
            // The images run the prod profile, which refuses PERSONA_AUTH_ENABLED=false.
            assertFalse(env.containsKey(cfg.authEnabledEnv()), s + " leaves authentication as it is: on");
            String reflection = env.get(cfg.reflectionEnv());
            if (reflection != null) {
                assertEquals("false", interpolate(reflection), s + ": reflection is off unless asked for");
            }
        }
    }

    @Test
    void interpolationFollowsCompose() {
        assertEquals("5432", interpolate("${PERSONA_TEST_UNSET_PORT:-5432}"));
        assertEquals("a$b", interpolate("a$$b"));
        assertEquals("x-y", interpolate("x-${PERSONA_TEST_UNSET-y}"));
        assertThrows(AssertionError.class, () -> interpolate("${PERSONA_TEST_UNSET}"), "no dev default");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Assumptions.assumeTrue(dockerComposeWorks(),
                "docker compose is not available here (no docker on the PATH, or `docker compose version` fails); "
                        + "compose.yaml is checked only by this class's typed checks");
        Process p = new ProcessBuilder("docker", "compose", "-f", FILE.toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker compose config");
        assertEquals(0, p.exitValue(), "docker compose config -q: " + out);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The container port a service is called on: a datastore's one port; for a Persona service, its API port (the
     * port its configuration gives quarkus.http.port).
     */
    static int port(String service) {
        List<Port> ports = service(service).ports();
        assertNotNull(ports, service + " publishes no port");
        if (!services().contains(service)) {
            assertEquals(1, ports.size(), service + " publishes one port");
            return ports.get(0).target();
        }
        return published(service, KubernetesManifestsTest.config(service).defaultPort());
    }

    /** A Persona service's management port (health, metrics), as its configuration gives it. */
    static int managementPort(String service) {
        return published(service, KubernetesManifestsTest.config(service).defaultManagementPort());
    }

    private static int published(String service, int target) {
        assertNotNull(service(service).ports(), service + " publishes no port");
        return service(service).ports().stream().filter(p -> p.target() == target).findFirst()
                .orElseThrow(() -> new AssertionError(service + " does not publish " + target)).target();
    }

    /** The file of the git-ignored secrets folder that a path under /run/secrets/ is, for the service. */
    private static String secretFile(String service, String path) {
        assertNotNull(path, service + ": no path");
        assertTrue(path.startsWith(SECRETS_DIR), service + ": " + path + " is not a Compose secret");
        String name = path.substring(SECRETS_DIR.length());
        assertTrue(service(service).mountedSecrets().contains(name), service + " does not mount the secret " + name);
        ComposeSecret secret = compose().secrets() == null ? null : compose().secrets().get(name);
        assertNotNull(secret, "no secret " + name + " is declared");
        assertTrue(secret.file().startsWith(SECRET_FILES), name + " is not read from " + SECRET_FILES);
        return secret.file().substring(SECRET_FILES.length());
    }

    /** The variables that carry a database connection, as the services that use one read them. */
    private static Set<String> databaseEnv() {
        ServiceConfig cfg = services().stream().map(KubernetesManifestsTest::config).filter(ServiceConfig::usesDatabase)
                .findFirst().orElseThrow();
        return Set.of(cfg.envOf("quarkus.datasource.jdbc.url"), cfg.envOf("quarkus.datasource.username"),
                cfg.envOf("quarkus.datasource.password"));
    }

    /** The ENTRYPOINT of the service's Dockerfile (exec form), as one command line. */
    private static String dockerEntrypoint(String service) throws IOException {
        ComposeService svc = service(service);
        String docker = Files.readString(Paths.module().resolve(svc.build().context()).resolve(svc.build().dockerfile()));
        Matcher m = Pattern.compile("(?m)^ENTRYPOINT\\s+(\\[.*])\\s*$").matcher(docker);
        assertTrue(m.find(), service + "'s Dockerfile has an exec-form ENTRYPOINT");
        List<String> words = YAML.readValue(m.group(1), new TypeReference<List<String>>() { });
        return String.join(" ", words);
    }

    private static String set(String service, Map<String, String> env, String name) {
        String value = env.get(name);
        assertNotNull(value, service + " does not set " + name);
        return value;
    }

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * A value as compose would see it with none of the variables set, i.e. with every default: {@code ${X:-d}} and
     * {@code ${X-d}} give d, {@code $$} gives $; a variable without a default fails (the file must work as it is).
     */
    static String interpolate(String value) {
        assertNotNull(value);
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(2) != null && m.group(2).endsWith("-")) {
                replacement = m.group(3);
            } else {
                throw new AssertionError("'" + m.group() + "' in '" + value + "' has no default to run with");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void assertAcyclic(String name, List<String> path) {
        if (path.contains(name)) {
            fail("depends_on cycle " + path + " -> " + name);
        }
        path.add(name);
        for (String next : service(name).dependencies().keySet()) {
            if (compose().services().containsKey(next)) {
                assertAcyclic(next, path);
            }
        }
        path.remove(path.size() - 1);
    }

    static boolean dockerComposeWorks() {
        boolean onPath = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "docker"))) {
                onPath = true;
            }
        }
        if (!onPath) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("docker", "compose", "version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
