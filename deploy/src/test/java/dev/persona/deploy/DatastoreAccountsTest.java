package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services' own datastore accounts (deploy/datastores), created as ./suite up, Compose and the Kubernetes jobs
 * create them, on the PostgreSQL and Redis the tests use (DB_HOST, DB_PORT, REDIS_HOST, REDIS_PORT; an administrator
 * account DB_ADMIN, default postgres), with psql and redis-cli: each service reaches its own data and nothing else.
 * The roles are made in a scratch database that already holds tables of a shared account (an upgrade), twice.
 */
class DatastoreAccountsTest {

    private static final String DB_HOST = env("DB_HOST", "127.0.0.1");
    private static final String DB_PORT = env("DB_PORT", "5432");
    private static final String ADMIN = env("DB_ADMIN", "postgres");
    private static final String REDIS_HOST = env("REDIS_HOST", "127.0.0.1");
    private static final String REDIS_PORT = env("REDIS_PORT", "6379");
    private static final String DATABASE = "persona_accounts_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT = "accounts-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> ACCOUNTS =
            List.of("persona-profile", "persona-similarity", "persona-recommend", "persona-segment");
    private static Path passwords;

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new Result(p.exitValue(), out);
    }

    private static Result sql(String role, String statement) throws IOException, InterruptedException {
        return run(Map.of("PGPASSWORD", password(role)), "psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1",
                "-h", DB_HOST, "-p", DB_PORT, "-U", role, "-d", DATABASE, "-c", statement);
    }

    private static Result redis(String user, String... command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", REDIS_HOST, "-p", REDIS_PORT,
                "--user", user, "--pass", password(user)));
        all.addAll(List.of(command));
        return run(Map.of(), all.toArray(String[]::new));
    }

    private static String password(String account) throws IOException {
        Path file = passwords.resolve(account.replace('_', '-'));
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static void createRoles() throws IOException, InterruptedException {
        StringBuilder options = new StringBuilder("-c client_min_messages=warning");
        for (String account : ACCOUNTS) {
            options.append(" -c persona.").append(account.substring("persona-".length())).append("_password=")
                    .append(password(account));
        }
        Result r = run(Map.of("PGOPTIONS", options.toString()), "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", DB_HOST, "-p", DB_PORT, "-U", ADMIN, "-d", DATABASE,
                "-f", Paths.module().resolve("datastores/postgres-roles.sql").toString());
        assertEquals(0, r.exit(), r.out());
    }

    private static void createRedisUsers() throws IOException, InterruptedException {
        Result r = run(Map.of(), Paths.module().resolve("datastores/redis-users.sh").toString(), passwords.toString(),
                "-h", REDIS_HOST, "-p", REDIS_PORT);
        assertEquals(0, r.exit(), r.out());
    }

    @BeforeAll
    static void accounts() throws IOException, InterruptedException {
        passwords = Files.createTempDirectory("persona-accounts");
        for (String account : ACCOUNTS) {
            Files.writeString(passwords.resolve(account), UUID.randomUUID().toString().replace("-", ""));
        }
        assertEquals(0, run(Map.of(), "createdb", "-h", DB_HOST, "-p", DB_PORT, "-U", ADMIN, DATABASE).exit());
        // Tables a shared account made before per-service roles existed.
        Result before = run(Map.of(), "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", DB_HOST, "-p", DB_PORT,
                "-U", ADMIN, "-d", DATABASE, "-c", "CREATE TABLE public.users (user_id text);"
                        + " INSERT INTO public.users VALUES ('alice');"
                        + " CREATE SCHEMA audit; CREATE TABLE audit.access_log (id bigserial PRIMARY KEY, rpc text);"
                        + " CREATE SCHEMA recommend; CREATE TABLE recommend.models (id bigserial PRIMARY KEY);");
        assertEquals(0, before.exit(), before.out());
        createRoles();
        createRoles();
        createRedisUsers();
        createRedisUsers();
    }

    @AfterAll
    static void dropScratch() throws IOException, InterruptedException {
        run(Map.of(), "dropdb", "-h", DB_HOST, "-p", DB_PORT, "-U", ADMIN, "--if-exists", DATABASE);
        run(Map.of(), "redis-cli", "-h", REDIS_HOST, "-p", REDIS_PORT, "DEL", "persona:" + TENANT + ":feed",
                "persona:" + TENANT + ":models-revision", "persona:" + TENANT + ":feed-readers");
    }

    @Test
    void profileServiceOwnsTheCustomerDataAndTheAccessLog() throws IOException, InterruptedException {
        assertEquals("alice", sql("persona_profile", "SELECT user_id FROM public.users").out());
        assertEquals(0, sql("persona_profile", "CREATE TABLE public.tenants_probe (x int)").exit());
        assertEquals(0, sql("persona_profile", "SELECT count(*) FROM audit.access_log").exit());
    }

    @Test
    void recommendAndSegmentReachOnlyTheirSchemaAndAppendToTheAccessLog() throws IOException, InterruptedException {
        for (String role : List.of("persona_recommend", "persona_segment")) {
            String own = role.substring("persona_".length());
            String other = own.equals("recommend") ? "segment" : "recommend";
            Result customers = sql(role, "SELECT * FROM public.users");
            assertTrue(customers.exit() != 0 && customers.out().contains("permission denied"), customers.out());
            assertEquals(0, sql(role, "CREATE TABLE " + own + ".probe (x int)").exit(), role + " in its own schema");
            Result foreign = sql(role, "CREATE TABLE " + other + ".probe (x int)");
            assertTrue(foreign.out().contains("permission denied"), role + ": " + foreign.out());
            assertEquals(0, sql(role, "INSERT INTO audit.access_log (rpc) VALUES ('probe')").exit(), role);
            Result read = sql(role, "SELECT * FROM audit.access_log");
            assertTrue(read.out().contains("permission denied"), role + " reads the log: " + read.out());
            Result schema = sql(role, "CREATE SCHEMA probe_" + own);
            assertTrue(schema.out().contains("permission denied"), role + " creates a schema: " + schema.out());
        }
        assertEquals("0", sql("persona_recommend", "SELECT count(*) FROM recommend.models").out(),
                "a table of the shared account moved to its service");
    }

    @Test
    void similarityOnlyAppendsToTheAccessLog() throws IOException, InterruptedException {
        assertEquals(0, sql("persona_similarity", "INSERT INTO audit.access_log (rpc) VALUES ('probe')").exit());
        for (String statement : List.of("SELECT * FROM audit.access_log", "SELECT * FROM public.users",
                "SELECT * FROM recommend.models", "CREATE TABLE public.probe (x int)")) {
            Result r = sql("persona_similarity", statement);
            assertTrue(r.out().contains("permission denied"), statement + ": " + r.out());
        }
    }

    @Test
    void onlyProfileServiceWritesTheChangeFeedAndNobodyFlushesRedis() throws IOException, InterruptedException {
        String feed = "persona:" + TENANT + ":feed";
        assertTrue(redis("persona-profile", "XADD", feed, "*", "kind", "events").out().matches("\\d+-\\d+"));
        for (String follower : List.of("persona-similarity", "persona-recommend", "persona-segment")) {
            assertTrue(redis(follower, "XADD", feed, "*", "kind", "erase", "user", "forged").out()
                    .startsWith("NOPERM"), follower + " forges a notice");
            assertEquals("1", redis(follower, "XLEN", feed).out(), follower + " reads the feed");
            assertEquals("1", redis(follower, "HSET", "persona:" + TENANT + ":feed-readers", follower, "1-0").out(),
                    follower + " says how far it read");
            assertTrue(redis(follower, "SADD", "persona:tenants", "forged").out().startsWith("NOPERM"), follower);
            assertTrue(redis(follower, "FLUSHALL").out().startsWith("NOPERM"), follower);
        }
        assertTrue(redis("persona-segment", "INCR", "persona:" + TENANT + ":models-revision").out()
                .startsWith("NOPERM"), "segment-service touches recommend-service's keys");
        assertEquals("1", redis("persona-recommend", "INCR", "persona:" + TENANT + ":models-revision").out());
    }
}
