package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's configuration table against the services' application.properties: every {@code persona.*} property
 * and every environment variable a service reads has its row, and no row names a property that is gone.
 */
class ReadmeConfigurationTest {

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
                    service + ": the README lists " + row.getKey() + ", which application.properties no longer has");
            assertEquals(nullToEmpty(config.envOf(row.getKey())), row.getValue(),
                    service + ": the environment variable the README gives for " + row.getKey());
        }
        Set<String> envInReadme = new TreeSet<>(rows.values());
        Set<String> envMissing = new TreeSet<>(config.envNames());
        envMissing.removeAll(envInReadme);
        assertEquals(Set.of(), envMissing, service + ": environment variables without a README row");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
