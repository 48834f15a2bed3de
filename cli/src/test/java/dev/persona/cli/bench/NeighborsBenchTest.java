package dev.persona.cli.bench;

import static dev.persona.cli.FakeSimilarityService.neighbor;
import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Entity;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServicesTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NeighborsBenchTest extends FakeServicesTest {

    private static final String TENANT = "t-bench";
    private static final String NUMBER = "[0-9.]+";

    /** The ml-100k sample: items 1, 2 and 4, users 1, 2 and 3; item 4 has no neighbours. */
    @BeforeEach
    void importSampleAndGiveItsLists() {
        CliRun imported = CliRun.of(args(TENANT, "import", "movielens", resource("movielens/ml100k").toString()));
        assertEquals(0, imported.exitCode(), imported::toString);
        similarityService
                .neighbors(TENANT, Entity.ENTITY_ITEM, "1", neighbor("2", 0.8, 2))
                .neighbors(TENANT, Entity.ENTITY_ITEM, "2", neighbor("1", 0.8, 2))
                .neighbors(TENANT, Entity.ENTITY_ITEM, "4")
                .neighbors(TENANT, Entity.ENTITY_USER, "1", neighbor("3", 0.5, 1))
                .neighbors(TENANT, Entity.ENTITY_USER, "2", neighbor("1", 0.7, 1))
                .neighbors(TENANT, Entity.ENTITY_USER, "3", neighbor("1", 0.5, 1));
    }

    private Map<String, Long> callsByRpc() {
        return similarityService.calls().stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
    }

    @Test
    void buildsThenReadsRandomIdsOfTheLogConcurrentlyAndEndsWithJson() {
        CliRun run = CliRun.of(args(TENANT, "bench", "neighbors", "--builds", "2", "--calls", "60", "--warmup", "9",
                "--concurrency", "3", "--k", "20", "--service-pid", Long.toString(Long.MAX_VALUE)));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of(TENANT + " BuildNeighbors", 2L, TENANT + " GetSimilarItems", 72L), callsByRpc());
        assertTrue(run.out().contains("build 2/2: item cosine neighbours: generation 2, 2 entities, 2 pairs, "),
                run::toString);
        assertTrue(run.out().contains("ids: 3 distinct items in 5 interactions"), run::toString);
        assertTrue(run.out().contains("GetSimilarItems, 60 calls from 3 threads after 9 warm-up: p50 "), run::toString);
        String json = run.lastLine();
        assertTrue(json.matches("\\{\"bench\":\"neighbors\",\"tenant\":\"t-bench\",\"entity\":\"item\","
                + "\"metric\":\"cosine\",\"k\":20,\"threads\":2,\"builds\":2,\"generation\":2,\"entities\":2,"
                + "\"pairs\":2,\"build_ms\":\\[\\d+,\\d+],\"build_server_ms\":\\[7,7],\"build_median_ms\":\\d+,"
                + "\"build_server_median_ms\":7,\"ids\":3,\"calls\":60,\"concurrency\":3,\"warmup\":9,\"query_k\":10,"
                + "\"empty_lists\":\\d+,\"p50_ms\":" + NUMBER + ",\"p90_ms\":" + NUMBER + ",\"p99_ms\":" + NUMBER
                + ",\"max_ms\":" + NUMBER + ",\"mean_ms\":" + NUMBER + ",\"requests_per_second\":" + NUMBER
                + ",\"similarity_service_peak_rss_mb\":null,\"top1_sum\":" + NUMBER + "}"), json);
        assertTrue(run.out().contains("sum over 3 items of the top-1 similarity: "), run::toString);
    }

    @Test
    void theSameSeedDrawsTheSameIds() {
        String[] bench = args(TENANT, "bench", "neighbors", "--builds", "1", "--calls", "30", "--warmup", "0",
                "--concurrency", "1", "--seed", "7");
        assertEquals(0, CliRun.of(bench).exitCode());
        List<Object> first = similarityService.requests().subList(1, 31);
        assertEquals(0, CliRun.of(bench).exitCode());
        assertEquals(first, similarityService.requests().subList(35, 65));
    }

    @Test
    void userEntityReadsGetSimilarUsers() {
        CliRun run = CliRun.of(args(TENANT, "bench", "neighbors", "--entity", "user", "--metric", "jaccard",
                "--builds", "1", "--calls", "10", "--warmup", "0", "--query-k", "5"));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of(TENANT + " BuildNeighbors", 1L, TENANT + " GetSimilarUsers", 13L), callsByRpc());
        assertTrue(run.lastLine().contains("\"entity\":\"user\",\"metric\":\"jaccard\","), run::toString);
        assertTrue(run.lastLine().contains("\"empty_lists\":0,"), run::toString);
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String[] options : List.of(new String[] {"--concurrency", "0"}, new String[] {"--builds", "0"},
                new String[] {"--calls", "0"}, new String[] {"--query-k", "1001"}, new String[] {"--metric", "l2"},
                new String[] {"--entity", "both"}, new String[] {"--threads", "-1"})) {
            String[] command = {"bench", "neighbors", options[0], options[1]};
            CliRun run = CliRun.of(args(TENANT, command));
            assertEquals(2, run.exitCode(), run::toString);
        }
        assertTrue(similarityService.calls().isEmpty());
    }

    @Test
    void aFailureNamesTheServiceThatFailed() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String[] bench = args(TENANT, "bench", "neighbors", "--builds", "1", "--calls", "5", "--warmup", "0");
        bench[Arrays.asList(bench).indexOf("--target") + 1] = "127.0.0.1:" + freePort;
        CliRun run = CliRun.of(bench);
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("persona: profile-service is not reachable at 127.0.0.1:" + freePort),
                run::toString);

        CliRun noLists = CliRun.of(args("empty", "bench", "neighbors", "--calls", "5"));
        assertEquals(1, noLists.exitCode(), noLists::toString);
        assertTrue(noLists.err().contains("persona: similarity-service at " + similarityServer.target()
                + " answered FAILED_PRECONDITION"), noLists::toString);
    }
}
