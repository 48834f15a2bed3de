package dev.persona.cli.bench;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServicesTest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecommendBenchTest extends FakeServicesTest {

    private static final String TENANT = "t-bench-recommend";
    private static final String NUMBER = "[0-9.]+";

    /** The ml-100k sample: users 1, 2 and 3, each with history. */
    @BeforeEach
    void importSample() {
        CliRun imported = CliRun.of(args(TENANT, "import", "movielens", resource("movielens/ml100k").toString()));
        assertEquals(0, imported.exitCode(), imported::toString);
    }

    private Map<String, Long> callsByRpc() {
        return recommendService.calls().stream().collect(Collectors.groupingBy(Function.identity(),
                Collectors.counting()));
    }

    private static String run(String strategy, int concurrency, String used) {
        return "\\{\"strategy\":\"" + strategy + "\",\"concurrency\":" + concurrency + ",\"p50_ms\":" + NUMBER
                + ",\"p90_ms\":" + NUMBER + ",\"p99_ms\":" + NUMBER + ",\"max_ms\":" + NUMBER + ",\"mean_ms\":"
                + NUMBER + ",\"requests_per_second\":" + NUMBER + ",\"strategy_used\":\\{" + used + "},"
                + "\"cold_starts\":0,\"empty_lists\":0}";
    }

    @Test
    void timesEachStrategyAtEachConcurrencyCountsWhatServedAndEndsWithJson() {
        recommendService.fallback(Strategy.STRATEGY_USER_KNN, Strategy.STRATEGY_POPULAR);
        CliRun run = CliRun.of(args(TENANT, "bench", "recommend", "--strategies", "popular,user-knn,auto",
                "--concurrency", "1,3", "--calls", "12", "--warmup", "2", "--k", "3",
                "--service-pid", Long.toString(Long.MAX_VALUE)));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(Map.of(TENANT + " Recommend", 6 * 14L), callsByRpc());
        assertTrue(run.out().contains("users: 3 distinct in 5 interactions"), run::toString);
        assertTrue(run.out().contains("user-knn, 12 calls from 3 threads after 2 warm-up: p50 "), run::toString);
        assertTrue(run.out().contains("served by popular 12 (0 cold starts, 0 empty lists)"), run::toString);
        assertTrue(run.out().contains("recommend-service peak RSS: unknown"), run::toString);
        String json = run.lastLine();
        assertTrue(json.matches("\\{\"bench\":\"recommend\",\"tenant\":\"" + TENANT + "\",\"users\":3,\"k\":3,"
                + "\"calls\":12,\"warmup\":2,\"seed\":42,\"runs\":\\["
                + run("popular", 1, "\"popular\":12") + "," + run("popular", 3, "\"popular\":12") + ","
                + run("user-knn", 1, "\"popular\":12") + "," + run("user-knn", 3, "\"popular\":12") + ","
                + run("auto", 1, "\"hybrid\":12") + "," + run("auto", 3, "\"hybrid\":12")
                + "],\"recommend_service_peak_rss_mb\":null}"), json);
        RecommendRequest first = (RecommendRequest) recommendService.requests().get(0);
        assertEquals(3, first.getK());
        assertEquals(Strategy.STRATEGY_POPULAR, first.getStrategy());
    }

    @Test
    void everyRunDrawsTheSameUsersFromTheSeed() {
        CliRun run = CliRun.of(args(TENANT, "bench", "recommend", "--strategies", "popular,trending",
                "--concurrency", "1", "--calls", "20", "--warmup", "0", "--seed", "7"));
        assertEquals(0, run.exitCode(), run::toString);
        List<String> users = recommendService.requests().stream().map(r -> ((RecommendRequest) r).getUserId())
                .toList();
        assertEquals(users.subList(0, 20), users.subList(20, 40));
        assertTrue(users.containsAll(List.of("1", "2", "3")), users::toString);
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String[] options : List.of(new String[] {"--concurrency", "0"}, new String[] {"--concurrency", "1,2000"},
                new String[] {"--calls", "0"}, new String[] {"--warmup", "-1"}, new String[] {"--k", "501"},
                new String[] {"--strategies", "popular,best"}, new String[] {"--strategies", "popular,popular"})) {
            String[] command = {"bench", "recommend", options[0], options[1]};
            CliRun run = CliRun.of(args(TENANT, command));
            assertEquals(2, run.exitCode(), run::toString);
        }
        assertTrue(recommendService.calls().isEmpty());
        assertEquals(List.of(TENANT + " ImportUsers", TENANT + " ImportItems", TENANT + " RecordEvents"),
                service.calls());
    }

    @Test
    void aStrategyThatCannotServeStopsTheBenchAndNamesTheService() {
        recommendService.unavailable(Strategy.STRATEGY_ITEM_KNN);
        CliRun run = CliRun.of(args(TENANT, "bench", "recommend", "--strategies", "item-knn", "--calls", "5"));
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("persona: recommend-service at " + recommendServer.target()
                + " answered FAILED_PRECONDITION"), run::toString);
        CliRun empty = CliRun.of(args("empty", "bench", "recommend", "--calls", "5"));
        assertEquals(1, empty.exitCode(), empty::toString);
        assertTrue(empty.err().contains("the log of tenant empty holds no interaction to draw ids from"),
                empty::toString);
    }
}
