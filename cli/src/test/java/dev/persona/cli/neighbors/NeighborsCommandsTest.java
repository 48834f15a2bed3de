package dev.persona.cli.neighbors;

import static dev.persona.cli.FakeSimilarityService.neighbor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.GetSimilarityRequest;
import dev.persona.api.v1.Metric;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServicesTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeighborsCommandsTest extends FakeServicesTest {

    private static final String TENANT = "t-neighbors";

    private CliRun persona(String... args) {
        return CliRun.of(args(TENANT, args));
    }

    private void givenItemLists() {
        similarityService
                .neighbors(TENANT, Entity.ENTITY_ITEM, "i1", neighbor("i2", 0.912345, 17), neighbor("i3", -0.25, 3))
                .neighbors(TENANT, Entity.ENTITY_ITEM, "i2", neighbor("i1", 0.912345, 17))
                .neighbors(TENANT, Entity.ENTITY_ITEM, "i3", neighbor("i1", -0.25, 3))
                .neighbors(TENANT, Entity.ENTITY_ITEM, "i4");
    }

    @Test
    void buildSendsTheOptionsShowsEachPhaseOnStderrAndTheResultOnStdout() {
        givenItemLists();
        CliRun run = persona("neighbors", "build", "--entity", "item", "--metric", "adjusted-cosine", "--k", "20",
                "--min-support", "3", "--shrinkage", "2.5", "--threads", "4");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(TENANT + " BuildNeighbors"), similarityService.calls());
        assertEquals(BuildNeighborsRequest.newBuilder().setEntity(Entity.ENTITY_ITEM)
                .setMetric(Metric.METRIC_ADJUSTED_COSINE).setK(20).setMinSupport(3).setShrinkage(2.5).setThreads(4)
                .build(), similarityService.requests().get(0));
        List<String> progress = run.err().lines().toList();
        assertEquals(4, progress.size(), run::toString);
        assertTrue(progress.get(0).startsWith("load: 100%  4 done  "), run::toString);
        assertTrue(progress.get(3).startsWith("switch: 100%  4 done  "), run::toString);
        assertEquals("item adjusted-cosine neighbours: generation 1, 3 entities, 4 pairs, built to sequence 42, "
                + "in 0.01 s", run.out().strip().replaceAll(" \\(.* s for the call\\)$", ""), run::toString);
        assertTrue(persona("neighbors", "build", "--entity", "item", "--metric", "adjusted-cosine").out()
                .contains("generation 2,"));
    }

    @Test
    void buildDefaultsToCosineWithK50AndLeavesTheThreadsToTheService() {
        similarityService.neighbors(TENANT, Entity.ENTITY_USER, "u1");
        CliRun run = persona("neighbors", "build", "--entity", "USER");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(BuildNeighborsRequest.newBuilder().setEntity(Entity.ENTITY_USER).setMetric(Metric.METRIC_COSINE)
                .setK(50).setMinSupport(1).build(), similarityService.requests().get(0));
    }

    @Test
    void aBuildOverAnEmptyLogReportsTheServiceAndItsAnswerWithExitCode1() {
        CliRun run = persona("neighbors", "build", "--entity", "item");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("persona: similarity-service at " + similarityServer.target()
                + " answered FAILED_PRECONDITION: the log holds no interaction", run.err().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--entity=thing", "--metric=euclid", "--k=0", "--k=1001", "--min-support=-1",
        "--shrinkage=-1", "--shrinkage=NaN", "--threads=257", "--binary --metric=pearson"})
    void badBuildOptionsAreUsageErrorsAndNothingIsSent(String options) {
        String[] optionArgs = options.split(" ");
        String[] args = new String[optionArgs.length + 4];
        System.arraycopy(new String[] {"neighbors", "build", "--entity", "item"}, 0, args, 0, 4);
        System.arraycopy(optionArgs, 0, args, 4, optionArgs.length);
        CliRun run = persona(args);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(similarityService.calls().isEmpty(), run::toString);
    }

    @Test
    void usageErrorsNameTheValidChoices() {
        CliRun entity = persona("neighbors", "build", "--entity", "thing");
        assertTrue(entity.err().contains(
                "Invalid value for option '--entity': expected one of item, user, got 'thing'"), entity::toString);
        CliRun metric = persona("neighbors", "items", "i1", "--metric", "euclid");
        assertEquals(2, metric.exitCode(), metric::toString);
        assertTrue(metric.err().contains(
                "expected one of cosine, adjusted-cosine, pearson, jaccard, got 'euclid'"), metric::toString);
        CliRun missing = persona("neighbors", "build");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("Missing required option: '--entity=<entity>'"), missing::toString);
        CliRun binary = persona("neighbors", "similarity", "--entity", "item", "a", "b", "--binary", "--metric",
                "pearson");
        assertEquals(2, binary.exitCode(), binary::toString);
        assertEquals("persona: --binary goes with cosine or jaccard only, not pearson", binary.err().strip());
    }

    @Test
    void itemsPrintsRankIdScoreAndSupportThenTheGeneration() {
        givenItemLists();
        persona("neighbors", "build", "--entity", "item");
        CliRun run = persona("neighbors", "items", "i1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "rank  id    score  support",
                "   1  i2   0.9123       17",
                "   2  i3  -0.2500        3",
                "generation 1"), run.out().strip().replace(System.lineSeparator(), "\n"));
        CliRun top = persona("neighbors", "items", "i1", "--k", "1");
        assertTrue(top.out().contains("i2") && !top.out().contains("i3"), top::toString);
        assertEquals(GetSimilarItemsRequest.newBuilder().setItemId("i1").setK(1).setMetric(Metric.METRIC_COSINE)
                .build(), similarityService.requests().get(similarityService.requests().size() - 1));
    }

    @Test
    void anItemWithoutNeighboursSaysSo() {
        givenItemLists();
        persona("neighbors", "build", "--entity", "item");
        CliRun run = persona("neighbors", "items", "i4");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("no neighbours\ngeneration 1", run.out().strip().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void usersReadsTheUserListsOfTheMetric() {
        similarityService.neighbors(TENANT, Entity.ENTITY_USER, "u1", neighbor("u2", 0.5, 4));
        persona("neighbors", "build", "--entity", "user", "--metric", "jaccard");
        CliRun run = persona("neighbors", "users", "u1", "--metric", "jaccard");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("   1  u2  0.5000        4"), run::toString);
        assertEquals(TENANT + " GetSimilarUsers", similarityService.calls().get(1));
        CliRun cosine = persona("neighbors", "users", "u1");
        assertEquals(1, cosine.exitCode(), cosine::toString);
        assertTrue(cosine.err().contains("answered FAILED_PRECONDITION: no ENTITY_USER generation for METRIC_COSINE"),
                cosine::toString);
    }

    @Test
    void anUnknownIdIsReportedWithItsCode() {
        givenItemLists();
        persona("neighbors", "build", "--entity", "item");
        CliRun run = persona("neighbors", "items", "nope");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("persona: similarity-service at " + similarityServer.target() + " answered NOT_FOUND: nope not "
                + "found", run.err().strip());
    }

    @Test
    void similarityPrintsScoreAndSupportAndSendsTheScoringOptions() {
        givenItemLists();
        CliRun run = persona("neighbors", "similarity", "--entity", "item", "i1", "i2", "--metric", "jaccard",
                "--shrinkage", "10", "--binary");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("score 0.9123, support 17", run.out().strip());
        assertEquals(GetSimilarityRequest.newBuilder().setEntity(Entity.ENTITY_ITEM).setA("i1").setB("i2")
                .setMetric(Metric.METRIC_JACCARD).setShrinkage(10).setBinary(true).build(),
                similarityService.requests().get(0));
        CliRun unknown = persona("neighbors", "similarity", "--entity", "item", "i1", "zz");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().endsWith("answered NOT_FOUND: b: zz not found" + System.lineSeparator()),
                unknown::toString);
    }

    @Test
    void statusShowsOneRowPerEntityAndMetric() {
        CliRun none = persona("neighbors", "status");
        assertEquals(0, none.exitCode(), none::toString);
        assertEquals("no neighbour lists built yet", none.out().strip());
        givenItemLists();
        similarityService.neighbors(TENANT, Entity.ENTITY_USER, "u1", neighbor("u2", 0.5, 4));
        persona("neighbors", "build", "--entity", "user");
        persona("neighbors", "build", "--entity", "item", "--metric", "pearson", "--k", "20");
        persona("neighbors", "build", "--entity", "item", "--metric", "pearson", "--k", "20");
        CliRun run = persona("neighbors", "status");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "entity  metric   generation  built_at              entities   k  events_behind  building",
                "item    pearson           2  2001-09-09T01:46:40Z         3  20              0  no",
                "user    cosine            1  2001-09-09T01:46:40Z         1  50              0  no"),
                run.out().strip().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theSimilarityTargetIsCheckedAndAnUnreachableServiceIsNamed() throws IOException {
        CliRun malformed = CliRun.of("neighbors", "status", "--similarity-target", "nowhere");
        assertEquals(2, malformed.exitCode(), malformed::toString);
        assertEquals("persona: --similarity-target must be host:port, got 'nowhere'", malformed.err().strip());
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String target = "127.0.0.1:" + freePort;
        CliRun run = CliRun.of("neighbors", "status", "--similarity-target", target);
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("persona: similarity-service is not reachable at " + target
                + ": is it running?"), run::toString);
    }

    @Test
    void theTenantHeaderIsSent() {
        CliRun.of("neighbors", "status", "--similarity-target", similarityServer.target(), "--tenant", "other");
        assertEquals(List.of("other GetNeighborsStatus"), similarityService.calls());
    }
}
