package dev.persona.cli.recommend;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Filter;
import dev.persona.api.v1.PredictRatingRequest;
import dev.persona.api.v1.RankItemsRequest;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendSimilarItemsRequest;
import dev.persona.api.v1.Strategy;
import dev.persona.cli.CliRun;
import dev.persona.cli.FakeServicesTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecommendCommandsTest extends FakeServicesTest {

    private static final String TENANT = "t-recommend";

    private CliRun persona(String... args) {
        return CliRun.of(args(TENANT, args));
    }

    private static String lines(CliRun run) {
        return run.out().strip().replace(System.lineSeparator(), "\n");
    }

    /**
     * The ml-100k sample: user 1 rated items 1 (5) and 2, user 2 item 1 (4), user 3 items 4 and 1 (1); item 3 has no
     * rating. The fake ranks by distinct users: item 1 (3), then items 2 and 4 (1 each), then item 3.
     */
    @BeforeEach
    void importSample() {
        CliRun imported = persona("import", "movielens", resource("movielens/ml100k").toString());
        assertEquals(0, imported.exitCode(), imported::toString);
    }

    @Test
    void recommendPrintsRankItemAndScoreThenWhatServedTheList() {
        CliRun run = persona("recommend", "2");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "rank  item   score",
                "   1  2     1.0000",
                "   2  4     1.0000",
                "   3  3     0.0000",
                "strategy hybrid, model gen-1, recommendation rec-1"), lines(run));
        assertEquals(RecommendRequest.newBuilder().setUserId("2").setK(10).setFilter(Filter.getDefaultInstance())
                .build(), recommendService.requests().get(0));
        assertEquals(List.of(TENANT + " Recommend"), recommendService.calls());
    }

    @Test
    void explainAddsTheExplanationAndTheItemsBehindIt() {
        CliRun run = persona("recommend", "1", "--explain", "--strategy", "item-knn", "--k", "1");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "rank  item   score  explanation      because",
                "   1  4     1.0000  Liked by 1 user  1,2",
                "strategy item-knn, model gen-1, recommendation rec-1"), lines(run));
        RecommendRequest request = (RecommendRequest) recommendService.requests().get(0);
        assertEquals(Strategy.STRATEGY_ITEM_KNN, request.getStrategy());
        assertTrue(request.getExplain());
        assertEquals(1, request.getK());
    }

    @Test
    void anUnknownUserIsAColdStartServedByPopularWithoutModel() {
        CliRun run = persona("recommend", "nobody", "--k", "2");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "rank  item   score",
                "   1  1     3.0000",
                "   2  2     1.0000",
                "strategy popular, model -, recommendation rec-1",
                "cold start"), lines(run));
    }

    @Test
    void aFallbackShowsInTheStrategyLine() {
        recommendService.fallback(Strategy.STRATEGY_USER_KNN, Strategy.STRATEGY_POPULAR);
        CliRun run = persona("recommend", "3", "--strategy", "user-knn");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("strategy popular, model -, recommendation rec-1"), run::toString);
    }

    @Test
    void everyFilterOptionIsSent() {
        CliRun run = persona("recommend", "1", "--include-seen", "--category", "Drama", "--category", "Comedy",
                "--exclude-category", "Noir", "--exclude-item", "2", "--exclude-item", "3", "--min-price", "2.5",
                "--max-price", "10", "--max-per-category", "1", "--strategy", "CONTENT");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(RecommendRequest.newBuilder().setUserId("1").setK(10).setStrategy(Strategy.STRATEGY_CONTENT)
                .setFilter(Filter.newBuilder().setIncludeSeen(true).addCategories("Drama").addCategories("Comedy")
                        .addExcludeCategories("Noir").addExcludeItemIds("2").addExcludeItemIds("3").setMinPrice(2.5)
                        .setMaxPrice(10).setMaxPerCategory(1))
                .build(), recommendService.requests().get(0));
    }

    @Test
    void anEmptyListSaysSo() {
        CliRun run = persona("recommend", "1", "--category", "Westerns");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("no recommendations\nstrategy hybrid, model gen-1, recommendation rec-1", lines(run));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--strategy=best", "--k=0", "--k=501", "--min-price=-1", "--max-price=-0.5",
        "--min-price=NaN", "--min-price=10 --max-price=5", "--max-per-category=-1", "--category=", "--k=ten"})
    void badRecommendOptionsAreUsageErrorsAndNothingIsSent(String options) {
        String[] optionArgs = options.split(" ");
        String[] args = new String[optionArgs.length + 2];
        args[0] = "recommend";
        args[1] = "1";
        System.arraycopy(optionArgs, 0, args, 2, optionArgs.length);
        CliRun run = persona(args);
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(recommendService.calls().isEmpty(), run::toString);
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        CliRun strategy = persona("recommend", "1", "--strategy", "best");
        assertTrue(strategy.err().contains("Invalid value for option '--strategy': expected one of popular, trending, "
                + "item-knn, user-knn, matrix-factorization, ease, content, hybrid, auto, got 'best'"),
                strategy::toString);
        assertEquals("persona: --k must be 1 to 500, got 501", persona("recommend", "1", "--k", "501").err().strip());
        assertEquals("persona: --min-price 10.0 is above --max-price 5.0",
                persona("recommend", "1", "--min-price", "10", "--max-price", "5").err().strip());
        assertEquals("persona: --max-price must be a finite number, 0 or more, got -1.0",
                persona("similar-items", "1", "--max-price", "-1").err().strip());
        CliRun missing = persona("recommend");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("Missing required parameter: '<user_id>'"), missing::toString);
    }

    @Test
    void aStrategyThatCannotServeIsReportedWithTheServiceAndItsAnswer() {
        recommendService.unavailable(Strategy.STRATEGY_MATRIX_FACTORIZATION);
        CliRun run = persona("recommend", "1", "--strategy", "matrix-factorization");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("persona: recommend-service at " + recommendServer.target() + " answered FAILED_PRECONDITION: "
                + "no model or neighbour lists for STRATEGY_MATRIX_FACTORIZATION", run.err().strip());
    }

    @Test
    void theRecommendTargetIsCheckedAndAnUnreachableServiceIsNamed() throws IOException {
        CliRun malformed = CliRun.of("recommend", "1", "--recommend-target", "nowhere");
        assertEquals(2, malformed.exitCode(), malformed::toString);
        assertEquals("persona: --recommend-target must be host:port, got 'nowhere'", malformed.err().strip());
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String target = "127.0.0.1:" + freePort;
        CliRun run = CliRun.of("predict", "rating", "1", "2", "--recommend-target", target);
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("persona: recommend-service is not reachable at " + target
                + ": is it running?"), run::toString);
    }

    @Test
    void similarItemsLeavesOutTheAnchorAndTheViewersSeenItems() {
        CliRun anonymous = persona("similar-items", "2");
        assertEquals(0, anonymous.exitCode(), anonymous::toString);
        assertEquals(String.join("\n",
                "rank  item   score",
                "   1  1     3.0000",
                "   2  4     1.0000",
                "   3  3     0.0000",
                "strategy item-knn, model gen-1, recommendation rec-1"), lines(anonymous));
        CliRun viewer = persona("similar-items", "2", "--user", "1", "--k", "5", "--explain", "--max-price", "20");
        assertEquals(0, viewer.exitCode(), viewer::toString);
        assertEquals(String.join("\n",
                "rank  item   score  explanation       because",
                "   1  4     1.0000  Liked by 1 user   2",
                "   2  3     0.0000  Liked by 0 users  2",
                "strategy item-knn, model gen-1, recommendation rec-2"), lines(viewer));
        assertEquals(RecommendSimilarItemsRequest.newBuilder().setItemId("2").setUserId("1").setK(5).setExplain(true)
                .setFilter(Filter.newBuilder().setMaxPrice(20)).build(), recommendService.requests().get(1));
    }

    @Test
    void similarItemsOfAnUnknownItemIsNotFound() {
        CliRun run = persona("similar-items", "404");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("persona: recommend-service at " + recommendServer.target() + " answered NOT_FOUND: item_id: "
                + "item 404 not found", run.err().strip());
        assertEquals(2, persona("similar-items", "1", "--user", " ").exitCode());
    }

    @Test
    void rankReturnsEveryCandidateBestFirst() {
        CliRun run = persona("rank", "3", "3", "2", "1", "--strategy", "user-knn");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "rank  item   score",
                "   1  1     3.0000",
                "   2  2     1.0000",
                "   3  3     0.0000",
                "strategy user-knn, model gen-1, recommendation rec-1"), lines(run));
        assertEquals(RankItemsRequest.newBuilder().setUserId("3").addAllItemIds(List.of("3", "2", "1"))
                .setStrategy(Strategy.STRATEGY_USER_KNN).build(), recommendService.requests().get(0));
    }

    @Test
    void rankChecksItsCandidates() {
        CliRun twice = persona("rank", "1", "2", "2");
        assertEquals(2, twice.exitCode(), twice::toString);
        assertEquals("persona: candidate 2 is given twice", twice.err().strip());
        CliRun none = persona("rank", "1");
        assertEquals(2, none.exitCode(), none::toString);
        assertTrue(recommendService.calls().isEmpty());
        CliRun unknown = persona("rank", "1", "2", "404", "405");
        assertEquals(1, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().endsWith("answered NOT_FOUND: item_ids: item 404 not found"
                + System.lineSeparator()), unknown::toString);
    }

    @Test
    void predictPrintsTheRatingTheStrategyAndWhetherItFellBack() {
        CliRun run = persona("predict", "rating", "1", "1", "--strategy", "user-knn");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("rating 3.333, strategy user-knn, fallback no", run.out().strip());
        assertEquals(PredictRatingRequest.newBuilder().setUserId("1").setItemId("1")
                .setStrategy(Strategy.STRATEGY_USER_KNN).build(), recommendService.requests().get(0));
        CliRun newUser = persona("predict", "rating", "nobody", "1");
        assertEquals("rating 3.000, strategy item-knn, fallback yes", newUser.out().strip());
        CliRun unknownItem = persona("predict", "rating", "1", "404");
        assertEquals(1, unknownItem.exitCode(), unknownItem::toString);
        assertTrue(unknownItem.err().contains("answered NOT_FOUND: item_id: item 404 not found"),
                unknownItem::toString);
    }

    @Test
    void predictAcceptsOnlyTheStrategiesThatPredict() {
        CliRun run = persona("predict", "rating", "1", "1", "--strategy", "popular");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Invalid value for option '--strategy': expected one of auto, item-knn, "
                + "user-knn, matrix-factorization, got 'popular'"), run::toString);
        assertEquals(0, persona("predict", "rating", "1", "1", "--strategy", "MATRIX_FACTORIZATION").exitCode());
        assertEquals(1, recommendService.calls().size());
    }

    @Test
    void theTenantHeaderIsSent() {
        CliRun.of("recommend", "1", "--recommend-target", recommendServer.target(), "--tenant", "other");
        assertEquals(List.of("other Recommend"), recommendService.calls());
    }

    @Test
    void strategyMetricsPrintsOneLinePerStrategyAndTheWindow() {
        persona("recommend", "1");
        persona("recommend", "2");
        CliRun run = persona("strategy-metrics", "--since", "2023-11-01");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(String.join("\n",
                "strategy  served  items  clicks  purchases     ctr  conversion  revenue",
                "hybrid         2      6       1          0  0.5000      0.0000     0.00",
                "window 2023-11-01T00:00:00Z to 2023-11-14T22:13:20Z"), lines(run));
    }

    @Test
    void modelsTrainShowsTheVersionAndListShowsWhichServes() {
        CliRun first = persona("models", "train", "ease", "--regularization", "300");
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals("model ease-1 (ease), serving, trained in 12 ms\nloss 0.500000", lines(first));
        CliRun kept = persona("models", "train", "ease", "--keep-serving");
        assertEquals("model ease-2 (ease), stored (not serving), trained in 12 ms\nloss 0.500000", lines(kept));
        CliRun list = persona("models", "list", "ease");
        assertEquals(0, list.exitCode(), list::toString);
        String[] rows = lines(list).split("\n");
        assertEquals(3, rows.length, lines(list));
        assertTrue(rows[1].startsWith("ease-2 ") && !rows[1].contains(" yes "), rows[1]);
        assertTrue(rows[2].startsWith("ease-1 ") && rows[2].contains(" yes "), rows[2]);
        CliRun bad = persona("models", "train", "svd");
        assertEquals(2, bad.exitCode(), bad::toString);
    }
}
