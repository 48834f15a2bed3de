package dev.persona.cli.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServiceTest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantsCommandTest extends FakeServiceTest {

    @Test
    void createsOnceAndListsWhatItRegistered() {
        CliRun first = CliRun.of("tenants", "create", "acme", "--name", "ACME retail", "--target", server.target());
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals("registered acme", first.lastLine());
        CliRun again = CliRun.of("tenants", "create", "acme", "--target", server.target());
        assertEquals("already registered acme", again.lastLine(), again::toString);
        assertEquals(Set.of("acme"), service.registered());

        CliRun list = CliRun.of("tenants", "list", "--target", server.target());
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.out().contains("acme") && list.out().contains("ACME retail"), list::toString);
    }
}
