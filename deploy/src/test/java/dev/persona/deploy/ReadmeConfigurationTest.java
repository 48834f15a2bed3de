package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's configuration table against the services' configuration: every {@code persona.*} property and every
 * environment variable a service reads has its row, and no row names a property that is gone. A service's
 * configuration is common's {@code META-INF/microprofile-config.properties} overridden by its own
 * {@code application.properties}; what common sets for every service has rows of the service {@code all}.
 */
class ReadmeConfigurationTest {

    /** The service column of the rows that hold for every service (common's shared configuration). */
    static final String ALL = "all";

    /** A table row: | service | `property` | `ENV` or empty | default | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\| (\\w+) \\| `([^`]+)` \\| (?:`([A-Z0-9_]+)`)? *\\|",
            Pattern.MULTILINE);

    private static Map<String, String> rows(String service) throws IOException {
        String readme = Files.readString(Paths.repository().resolve("README.md"));
        Map<String, String> rows = new TreeMap<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            if (m.group(1).equals(service)) {
                rows.put(m.group(2), m.group(3) == null ? "" : m.group(3));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"profile", "similarity", "recommend", "segment"})
    void everyPropertyAndEnvironmentVariableHasItsRow(String service) throws IOException {
        ServiceConfig config = ServiceConfig.of(service + "-service");
        Map<String, String> rows = rows(service);
        assertTrue(rows.size() > 5, "the README has a configuration table for " + service);
        Map<String, String> shared = rows(ALL);
        for (String key : shared.keySet()) {
            assertFalse(rows.containsKey(key), service + ": " + key + " has a row of its own and one for all services");
        }
        rows.putAll(shared);

        Set<String> persona = new TreeSet<>();
        for (String key : config.keys()) {
            if (key.startsWith("persona.")) {
                persona.add(key);
            }
        }
        Set<String> missing = new TreeSet<>(persona);
        missing.removeAll(rows.keySet());
        assertEquals(Set.of(), missing, service + ": persona.* properties without a README row");

        for (Map.Entry<String, String> row : rows.entrySet()) {
            assertTrue(config.keys().contains(row.getKey()),
                    service + ": the README lists " + row.getKey() + ", which its configuration no longer has");
            assertEquals(nullToEmpty(config.envOf(row.getKey())), row.getValue(),
                    service + ": the environment variable the README gives for " + row.getKey());
        }
        Set<String> envInReadme = new TreeSet<>(rows.values());
        Set<String> envMissing = new TreeSet<>(config.envNames());
        envMissing.removeAll(envInReadme);
        assertEquals(Set.of(), envMissing, service + ": environment variables without a README row");
    }

    /**
     * The TLS variables have their rows whatever the configuration says: the certificate and key for every service,
     * and the CA for those that call profile-service.
     */
    @ParameterizedTest
    @ValueSource(strings = {"profile", "similarity", "recommend", "segment"})
    void theTlsVariablesHaveTheirRows(String service) throws IOException {
        Set<String> env = new TreeSet<>(rows(service).values());
        env.addAll(rows(ALL).values());
        Set<String> expected = new TreeSet<>(Set.of(KubernetesManifestsTest.TLS_CERT_ENV, KubernetesManifestsTest.TLS_KEY_ENV));
        if (ServiceConfig.of(service + "-service").callsProfileService()) {
            expected.add(KubernetesManifestsTest.TLS_CA_ENV);
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(env);
        assertEquals(Set.of(), missing, service + ": TLS variables without a README row");
    }

    @Test
    void theRowsForAllServicesAreCommonsSharedConfiguration() throws IOException {
        ServiceConfig common = ServiceConfig.common();
        Map<String, String> rows = rows(ALL);
        for (String key : common.keys()) {
            if (key.startsWith("persona.") || common.envOf(key) != null) {
                assertTrue(rows.containsKey(key), "common's " + key + " has a row for all services");
            }
        }
        for (String key : rows.keySet()) {
            assertTrue(common.keys().contains(key), "the row of all services " + key + " is not common's");
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
