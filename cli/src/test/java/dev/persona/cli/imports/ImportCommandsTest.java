package dev.persona.cli.imports;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServiceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandsTest extends FakeServiceTest {

    private static final String TENANT = "t-import";

    @TempDir
    Path dir;

    private CliRun persona(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--target", server.target(), "--tenant", TENANT}, 0, all, args.length, 4);
        return CliRun.of(all);
    }

    @Test
    void movielens100kImportsUsersThenFilmsThenRatingsIntoTheTenant() {
        CliRun run = persona("import", "movielens", resource("movielens/ml100k").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(TENANT + " ImportUsers", TENANT + " ImportItems", TENANT + " RecordEvents"),
                service.calls());
        assertEquals(3, service.users(TENANT).size());
        assertEquals(4, service.items(TENANT).size());
        assertEquals(Set.of("ml-1-1", "ml-1-2", "ml-2-1", "ml-3-4", "ml-3-1"), service.events(TENANT).keySet());
        assertEquals("Café Lumière (1994)", service.items(TENANT).get("1").getTitle());
        assertTrue(run.out().contains("u.data: 5 received, 5 accepted, 0 duplicates, 0 rejected in "), run::toString);
        assertTrue(run.err().contains("u.data line 4: expected 4 fields separated by TAB, found 2 (skipped)"),
                run::toString);
        assertTrue(run.err().contains("u.data: skipped 2 malformed lines"), run::toString);
    }

    @Test
    void importingTheSameFilesAgainAddsNoEvent() {
        persona("import", "movielens", resource("movielens/ml100k").toString());
        CliRun again = persona("import", "movielens", resource("movielens/ml100k").toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("u.data: 5 received, 0 accepted, 5 duplicates, 0 rejected"), again::toString);
        assertEquals(5, service.events(TENANT).size());
    }

    @Test
    void failFastStopsAtTheFirstMalformedLineWithExitCode1() {
        CliRun run = persona("import", "movielens", resource("movielens/ml100k").toString(), "--fail-fast");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains(
                "u.data line 4: expected 4 fields separated by TAB, found 2 (stopped by --fail-fast)"),
                run::toString);
        // Users and films were imported; of the ratings, none after the bad line was sent.
        assertEquals(3, service.users(TENANT).size());
        assertTrue(Set.of("ml-1-1", "ml-1-2", "ml-2-1").containsAll(service.events(TENANT).keySet()), run::toString);
    }

    @Test
    void limitCapsTheRatingsOnly() {
        CliRun run = persona("import", "movielens", resource("movielens/ml100k").toString(), "--limit", "2");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(3, service.users(TENANT).size());
        assertEquals(Set.of("ml-1-1", "ml-1-2"), service.events(TENANT).keySet());
    }

    @Test
    void aDirectoryWithOnlyRatingsDatImportsOnlyEvents() throws IOException {
        Files.copy(resource("movielens/ml1m/ratings.dat"), dir.resolve("ratings.dat"));
        CliRun run = persona("import", "movielens", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(TENANT + " RecordEvents"), service.calls());
        assertEquals(3, service.events(TENANT).size());
    }

    @Test
    void rejectionsOfTheServiceArePrintedWithIndexFieldAndReason() throws IOException {
        Files.writeString(dir.resolve("u.data"), "1\t1\t4\t1000000000\n1\t2\t7\t1000000000\n");
        CliRun run = persona("import", "movielens", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("1 accepted, 0 duplicates, 1 rejected"), run::toString);
        assertTrue(run.out().contains(
                "rejected record 1 (0-based, in the order sent): event.value: rating must be 0.5 to 5"),
                run::toString);
    }

    @Test
    void transactionsBecomePurchaseEvents() {
        CliRun run = persona("import", "transactions", resource("transactions/transactions.csv").toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<Event> events = List.copyOf(service.events(TENANT).values());
        assertEquals(6, events.size());
        assertTrue(events.stream()
                .allMatch(e -> e.getType() == EventType.EVENT_TYPE_PURCHASE && e.getItemId().equals("store")));
        assertTrue(run.err().contains("transactions.csv line 7:"), run::toString);
    }

    @Test
    void telcoCustomersBecomeUsersWithAttributes() {
        CliRun run = persona("import", "telco", resource("telco/telco.csv").toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(3, service.users(TENANT).size());
        assertEquals("", service.users(TENANT).get("0002-FGHIJ").getAttributesOrThrow("TotalCharges"));
    }

    @Test
    void aWrongPathIsNamedWithExitCode2() {
        Path missing = dir.resolve("nothing-here");
        CliRun movielens = persona("import", "movielens", missing.toString());
        assertEquals(2, movielens.exitCode(), movielens::toString);
        assertEquals("persona: no such directory: " + missing, movielens.err().strip());
        CliRun telco = persona("import", "telco", missing.toString());
        assertEquals(2, telco.exitCode(), telco::toString);
        assertEquals("persona: no such file: " + missing, telco.err().strip());
        CliRun empty = persona("import", "movielens", dir.toString());
        assertEquals(2, empty.exitCode(), empty::toString);
        assertTrue(empty.err().contains("no MovieLens files in " + dir), empty::toString);
        assertTrue(service.calls().isEmpty());
    }

    @Test
    void demoDataImportsCompletely() {
        Path demo = dir.resolve("demo");
        CliRun generate = CliRun.of("demo", "generate", demo.toString(), "--users", "40", "--items", "30",
                "--ratings", "500", "--seed", "5");
        assertEquals(0, generate.exitCode(), generate::toString);
        CliRun run = persona("import", "movielens", demo.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(40, service.users(TENANT).size());
        assertEquals(30, service.items(TENANT).size());
        assertEquals(500, service.events(TENANT).size());
        assertEquals("", run.err(), run::toString);
    }
}
