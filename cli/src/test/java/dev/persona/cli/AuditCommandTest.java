package dev.persona.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuditCommandTest extends FakeServiceTest {

    @Test
    void listsTheAccessLogNewestFirstAcrossPages() {
        CliRun run = CliRun.of("audit", "--target", server.target(), "--tenant", "t1");
        assertEquals(0, run.exitCode(), run::toString);
        String[] lines = run.out().strip().split("\n");
        assertEquals(3, lines.length, run::toString);
        assertTrue(lines[0].startsWith("time"), run::toString);
        assertTrue(lines[1].contains("support") && lines[1].contains("GetUser") && lines[1].contains("OK"), run::toString);
        assertTrue(lines[2].contains("storefront") && lines[2].contains("PERMISSION_DENIED"), run::toString);
    }

    @Test
    void theLimitAndTheSubjectFilterReachTheService() {
        CliRun one = CliRun.of("audit", "--limit", "1", "--target", server.target(), "--tenant", "t1");
        assertEquals(2, one.out().strip().split("\n").length, one::toString);
        CliRun storefront = CliRun.of("audit", "--subject", "storefront", "--target", server.target(), "--tenant", "t1");
        assertEquals(2, storefront.out().strip().split("\n").length, storefront::toString);
        assertTrue(storefront.out().contains("PERMISSION_DENIED"), storefront::toString);
        assertEquals(2, CliRun.of("audit", "--limit", "0", "--target", server.target()).exitCode());
    }
}
