package dev.persona.cli.bench;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServiceTest;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchCommandsTest extends FakeServiceTest {

    @Test
    void ingestUsesAFreshTenantChecksTheReimportAndTheExportAndEndsWithJson() {
        CliRun run = CliRun.of("bench", "ingest", resource("movielens/ml1m/ratings.dat").toString(),
                "--target", server.target(), "--service-pid", Long.toString(Long.MAX_VALUE));
        assertEquals(0, run.exitCode(), run::toString);
        Set<String> tenants = service.tenants();
        assertEquals(1, tenants.size());
        String tenant = tenants.iterator().next();
        assertTrue(tenant.matches("bench-\\d+"), tenant);
        assertEquals(Set.of(tenant), service.registered(), "the fresh tenant is registered before its first call");
        assertTrue(run.out().contains("second pass: 3 duplicates, 0 accepted in "), run::toString);
        String json = run.lastLine();
        assertTrue(json.startsWith("{\"bench\":\"ingest\",\"tenant\":\"" + tenant + "\",\"events\":3,\"accepted\":3,"),
                json);
        assertTrue(json.contains("\"reimport_duplicates\":3,\"reimport_accepted\":0,\"rows_after_reimport\":3,"), json);
        assertTrue(json.contains("\"profile_service_peak_rss_mb\":null,\"ok\":true}"), json);
    }

    @Test
    void ingestFailsItsCheckWhenTheTenantAlreadyHeldTheEvents() {
        String[] args = {"bench", "ingest", resource("movielens/ml100k/u.data").toString(), "--target", server.target(),
            "--tenant", "shared"};
        assertEquals(0, CliRun.of(args).exitCode());
        CliRun second = CliRun.of(args);
        assertEquals(1, second.exitCode(), second::toString);
        assertTrue(second.lastLine().endsWith("\"ok\":false}"), second::toString);
    }

    @Test
    void exportCountsTheRowsOfTheTenant() {
        CliRun.of("import", "movielens", resource("movielens/ml100k").toString(), "--target", server.target(),
                "--tenant", "t1");
        CliRun run = CliRun.of("bench", "export", "--target", server.target(), "--tenant", "t1");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.lastLine().startsWith("{\"bench\":\"export\",\"tenant\":\"t1\",\"rows\":5,\"seconds\":"),
                run::toString);
    }

    @Test
    void profileRecordsAMixedHistoryOverACatalogueAndReportsPercentiles() {
        CliRun run = CliRun.of("bench", "profile", "--events", "300", "--calls", "20", "--warmup", "5",
                "--target", server.target(), "--tenant", "tp");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(ProfileBenchData.ITEMS, service.items("tp").size());
        assertEquals(300, service.events("tp").size());
        Set<EventType> types = service.events("tp").values().stream().map(Event::getType).collect(Collectors.toSet());
        assertEquals(6, types.size(), types::toString);
        assertEquals(25, service.profileRequests().size());
        String json = run.lastLine();
        String number = "[0-9.]+";
        assertTrue(json.matches("\\{\"bench\":\"profile\",\"tenant\":\"tp\",\"events\":300,\"calls\":20,\"warmup\":5,"
                + "\"p50_ms\":" + number + ",\"p90_ms\":" + number + ",\"p99_ms\":" + number
                + ",\"max_ms\":" + number + ",\"mean_ms\":" + number + "}"), json);
    }
}
