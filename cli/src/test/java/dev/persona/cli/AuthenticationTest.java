package dev.persona.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.persona.cli.TestServer.Headers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bearer token and tenant header every command sends, and the hint when a service wants a token. */
class AuthenticationTest extends FakeServicesTest {

    private static final String NO_TENANT_IN_ENVIRONMENT = "PERSONA_TENANT is set in this environment";

    @Test
    void everyCallToEveryServiceCarriesTheToken() {
        String token = TestTokens.admin("t1");
        CliRun imported = CliRun.of(args("t1", "import", "movielens", TestFiles.resource("movielens/ml100k").toString(),
                "--token", token));
        assertEquals(0, imported.exitCode(), imported::toString);
        CliRun recommended = CliRun.of(args("t1", "recommend", "1", "--token", token));
        assertEquals(0, recommended.exitCode(), recommended::toString);
        CliRun neighbors = CliRun.of(args("t1", "neighbors", "status", "--token", token));
        assertEquals(0, neighbors.exitCode(), neighbors::toString);
        for (TestServer s : List.of(server, recommendServer, similarityServer)) {
            assertFalse(s.headers().isEmpty(), "no call reached " + s.target());
            for (Headers h : s.headers()) {
                assertEquals(Optional.of("Bearer " + token), h.authorization(), h::toString);
                assertEquals(Optional.of("t1"), h.tenant(), h::toString);
            }
        }
    }

    @Test
    void aTokenForExactlyOneTenantActsForItWithoutTheHeader() {
        assumeTrue(System.getenv("PERSONA_TENANT") == null, NO_TENANT_IN_ENVIRONMENT);
        CliRun run = CliRun.of(argsWithoutTenant("profile", "1", "--token", TestTokens.admin("acme")));
        assertEquals(Optional.empty(), server.headers().get(0).tenant(), run::toString);
        assertTrue(server.headers().get(0).authorization().isPresent(), run::toString);
    }

    @Test
    void aTokenForSeveralOrAllTenantsSendsTheDefaultTenant() {
        assumeTrue(System.getenv("PERSONA_TENANT") == null, NO_TENANT_IN_ENVIRONMENT);
        CliRun.of(argsWithoutTenant("profile", "1", "--token", TestTokens.admin("acme", "globex")));
        CliRun.of(argsWithoutTenant("profile", "1", "--token", TestTokens.admin("*")));
        CliRun.of(argsWithoutTenant("profile", "1", "--token", "not-a-jwt"));
        assertEquals(List.of(Optional.of("default"), Optional.of("default"), Optional.of("default")),
                server.headers().stream().map(Headers::tenant).toList());
    }

    @Test
    void anExplicitTenantIsSentEvenWithASingleTenantToken() {
        CliRun.of(args("globex", "profile", "1", "--token", TestTokens.admin("acme")));
        assertEquals(Optional.of("globex"), server.headers().get(0).tenant());
    }

    @Test
    void anEmptyTokenOptionSendsNoTokenAndTheRefusalSaysHowToGetOne() {
        server.requireToken(TestTokens.admin("t1"));
        CliRun run = CliRun.of(args("t1", "profile", "1", "--token", ""));
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(Optional.empty(), server.headers().get(0).authorization());
        assertTrue(run.err().contains("profile-service at " + server.target()
                + " answered UNAUTHENTICATED: a bearer token is required"), run::toString);
        assertTrue(run.err().contains("no bearer token was sent (--token is empty)"), run::toString);
        assertTrue(run.err().contains(".persona/security/developer.jwt"), run::toString);
        assertTrue(run.err().contains("persona token --tenant <tenant> --roles"), run::toString);
    }

    @Test
    void aRefusedTokenIsNamedInTheHint() {
        recommendServer.requireToken(TestTokens.admin("t1"));
        CliRun run = CliRun.of(args("t1", "recommend", "1", "--token", TestTokens.admin("t2")));
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("recommend-service at " + recommendServer.target()
                + " answered UNAUTHENTICATED"), run::toString);
        assertTrue(run.err().contains("the token from --token was refused"), run::toString);
    }

    @Test
    void tenantRule() {
        String one = TestTokens.admin("acme");
        assertEquals(new ConnectionOptions.Tenancy("x", false), ConnectionOptions.tenancy("x", "y", Optional.of(one)));
        assertEquals(new ConnectionOptions.Tenancy("y", false), ConnectionOptions.tenancy(null, "y", Optional.of(one)));
        assertEquals(new ConnectionOptions.Tenancy("acme", true),
                ConnectionOptions.tenancy(null, " ", Optional.of(one)));
        assertEquals(new ConnectionOptions.Tenancy("default", false),
                ConnectionOptions.tenancy(null, null, Optional.of(TestTokens.admin("acme", "globex"))));
        assertEquals(new ConnectionOptions.Tenancy("default", false),
                ConnectionOptions.tenancy(null, null, Optional.of(TestTokens.admin("*"))));
        assertEquals(new ConnectionOptions.Tenancy("default", false),
                ConnectionOptions.tenancy(null, null, Optional.empty()));
    }
}
