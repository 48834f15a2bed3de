package dev.persona.cli;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class CommandsTest extends FakeServiceTest {

    private void importSample(String tenant) {
        CliRun run = CliRun.of("import", "movielens", resource("movielens/ml100k").toString(),
                "--target", server.target(), "--tenant", tenant);
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void profileIsPrintedAsJsonWithProtoFieldNames() {
        importSample("t1");
        CliRun run = CliRun.of("profile", "1", "--target", server.target(), "--tenant", "t1");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"user_id\": \"1\""), run::toString);
        assertTrue(run.out().contains("\"EVENT_TYPE_RATING\": \"2\""), run::toString);
        assertTrue(run.out().contains("\"mean_rating\": 0"), "zero values are printed too: " + run);
    }

    @Test
    void asOfIsSentAsTheProfileClock() {
        importSample("t1");
        CliRun run = CliRun.of("profile", "1", "--as-of", "2001-09-09T01:46:40Z", "--target", server.target(),
                "--tenant", "t1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1_000_000_000L, Timestamps.toSeconds(service.profileRequests().get(0).getAsOf()));
    }

    @Test
    void anEventIsRecordedInRealTime() {
        CliRun run = CliRun.of("event", "u1", "i9", "--type", "purchase", "--value", "12.5", "--target",
                server.target(), "--tenant", "t1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("u1 purchase i9: recorded, sequence 1", run.out().strip());
        assertEquals("t1 RecordEvent", service.calls().get(0));
        CliRun bad = CliRun.of("event", "u1", "i9", "--type", "stare", "--target", server.target());
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("--type must be one of"), bad::toString);
    }

    @Test
    void anUnknownUserReportsTheCodeAndDescription() {
        CliRun run = CliRun.of("profile", "99", "--target", server.target());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("persona: profile-service at " + server.target() + " answered NOT_FOUND: user 99 not found",
                run.err().strip());
    }

    @Test
    void withoutTenantOptionTheDefaultTenantIsSent() {
        assumeTrue(System.getenv("PERSONA_TENANT") == null, "PERSONA_TENANT is set in this environment");
        CliRun.of("profile", "1", "--target", server.target());
        assertEquals("default GetProfile", service.calls().get(0));
    }

    @Test
    void anUnreachableServiceIsReportedAsSuch() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String target = "127.0.0.1:" + freePort;
        CliRun run = CliRun.of("profile", "1", "--target", target);
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("persona: profile-service is not reachable at " + target + ": is it running?"),
                run::toString);
        CliRun importRun = CliRun.of("import", "telco", resource("telco/telco.csv").toString(), "--target", target);
        assertEquals(1, importRun.exitCode(), importRun::toString);
        assertTrue(importRun.err().contains("is not reachable at " + target), importRun::toString);
    }

    @Test
    void everyUnaryCallHasADeadline() {
        service.profileDelayMillis = 3000;
        CliRun run = CliRun.of("profile", "1", "--target", server.target(), "--deadline-seconds", "1");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("did not answer in time (DEADLINE_EXCEEDED"), run::toString);
    }

    @Test
    void aMalformedTargetIsAUsageError() {
        CliRun run = CliRun.of("profile", "1", "--target", "no-port-here");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--target must be host:port"), run::toString);
    }

    @Test
    void aGroupWithoutSubcommandIsAUsageError() {
        assertEquals(2, CliRun.of("bench").exitCode());
    }
}
