package dev.persona.recommend.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.EvaluateOfflineRequest;
import dev.persona.api.v1.EvaluateOfflineResponse;
import dev.persona.api.v1.EvaluationReport;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ListModelsRequest;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.Progress;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.Strategy;
import dev.persona.api.v1.StrategyEvaluation;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.common.neighbors.NeighborKeys;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class EvaluateOfflineRpcTest extends RecommendTestSupport {

    /**
     * Two taste groups over their own eight items each: 14 users of group a, 10 of group b, each touching six of
     * their group's items (viewed unless told otherwise, and rated 4 or 5). Popularity favours group a's items, which group b never takes.
     */
    private void groups() {
        groups(true);
    }

    private void groups(boolean views) {
        for (String g : List.of("a", "b")) {
            for (int i = 0; i < 8; i++) {
                film(g + i, "Film " + g + i, g.equals("a") ? "Drama" : "Comedy", 5);
            }
        }
        for (int u = 0; u < 24; u++) {
            String g = u < 14 ? "a" : "b";
            for (int i = 0; i < 8; i++) {
                if (i == u % 8 || i == (u + 3) % 8) {
                    continue;
                }
                if (views) {
                    log.event(g + "u" + u, g + i, EventType.EVENT_TYPE_VIEW, 0);
                }
                log.rating(g + "u" + u, g + i, 4 + (u + i) % 2);
            }
        }
    }

    private List<EvaluateOfflineResponse> evaluate(EvaluateOfflineRequest request) {
        List<EvaluateOfflineResponse> out = new ArrayList<>();
        stub().evaluateOffline(request).forEachRemaining(out::add);
        return out;
    }

    private EvaluationReport report(EvaluateOfflineRequest request) {
        List<EvaluateOfflineResponse> messages = evaluate(request);
        EvaluateOfflineResponse last = messages.get(messages.size() - 1);
        assertTrue(last.hasReport(), "the last message is the report");
        return last.getReport();
    }

    private static Map<Strategy, StrategyEvaluation> byStrategy(EvaluationReport r) {
        Map<Strategy, StrategyEvaluation> m = new TreeMap<>();
        r.getStrategiesList().forEach(s -> m.put(s.getStrategy(), s));
        return m;
    }

    private static EvaluationReport withoutTimes(EvaluationReport r) {
        EvaluationReport.Builder b = r.toBuilder().setElapsedMs(0);
        for (int i = 0; i < b.getStrategiesCount(); i++) {
            b.setStrategies(i, b.getStrategies(i).toBuilder().setElapsedMs(0));
        }
        return b.build();
    }

    @Test
    void modelsAndNeighboursBeatPopularityOnTwoTasteGroups() {
        groups();
        EvaluationReport r = report(EvaluateOfflineRequest.newBuilder().setSeed(11).setK(3)
                .addStrategies(Strategy.STRATEGY_POPULAR).addStrategies(Strategy.STRATEGY_EASE)
                .addStrategies(Strategy.STRATEGY_ITEM_KNN).addStrategies(Strategy.STRATEGY_USER_KNN)
                .addStrategies(Strategy.STRATEGY_MATRIX_FACTORIZATION).build());
        assertEquals(List.of(Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_EASE, Strategy.STRATEGY_ITEM_KNN,
                Strategy.STRATEGY_USER_KNN, Strategy.STRATEGY_MATRIX_FACTORIZATION),
                r.getStrategiesList().stream().map(StrategyEvaluation::getStrategy).toList(), "request order");
        assertEquals(24, r.getUsersEvaluated(), "every user holds out ceil(0.2 · 6) = 2 items");
        assertEquals(3, r.getK());
        assertEquals(0.2, r.getTestFraction());
        assertEquals(11, r.getSeed());
        assertEquals(24 * 2 * 2, r.getTestInteractions(), "two items of two events each per user");
        assertEquals(24 * 4 * 2, r.getTrainInteractions());
        assertEquals(7 + 16, r.getCatalogItems(), "active items only");
        Map<Strategy, StrategyEvaluation> m = byStrategy(r);
        double popular = m.get(Strategy.STRATEGY_POPULAR).getNdcgAtK();
        for (Strategy s : List.of(Strategy.STRATEGY_EASE, Strategy.STRATEGY_ITEM_KNN, Strategy.STRATEGY_USER_KNN)) {
            assertTrue(m.get(s).getNdcgAtK() > popular + 0.1, s + " beats POPULAR: " + r);
            assertEquals(24, m.get(s).getUsersEvaluated());
        }
        for (StrategyEvaluation s : r.getStrategiesList()) {
            for (double v : List.of(s.getPrecisionAtK(), s.getRecallAtK(), s.getNdcgAtK(), s.getHitRateAtK(),
                    s.getMapAtK(), s.getCoverage(), s.getPopularityBias())) {
                assertTrue(v >= 0 && v <= 1, s.toString());
            }
        }
        assertTrue(m.get(Strategy.STRATEGY_ITEM_KNN).getHasRatingMetrics(), r.toString());
        assertEquals(48, m.get(Strategy.STRATEGY_ITEM_KNN).getRatingsEvaluated());
        assertTrue(m.get(Strategy.STRATEGY_ITEM_KNN).getRmse() < 1.5, r.toString());
        assertTrue(m.get(Strategy.STRATEGY_MATRIX_FACTORIZATION).getHasRatingMetrics(), r.toString());
        assertTrue(!m.get(Strategy.STRATEGY_POPULAR).getHasRatingMetrics()
                && !m.get(Strategy.STRATEGY_EASE).getHasRatingMetrics());
    }

    @Test
    void theSameSeedGivesTheSameReportAndEveryStrategyByDefault() {
        groups(false);
        EvaluateOfflineRequest request = EvaluateOfflineRequest.newBuilder().setSeed(5).setTestFraction(0.3)
                .setRelevanceThreshold(5).build();
        EvaluationReport first = report(request);
        EvaluationReport second = report(request);
        assertEquals(withoutTimes(first), withoutTimes(second));
        assertEquals(List.of(Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_TRENDING, Strategy.STRATEGY_ITEM_KNN,
                Strategy.STRATEGY_USER_KNN, Strategy.STRATEGY_MATRIX_FACTORIZATION, Strategy.STRATEGY_EASE,
                Strategy.STRATEGY_CONTENT, Strategy.STRATEGY_HYBRID),
                first.getStrategiesList().stream().map(StrategyEvaluation::getStrategy).toList());
        assertEquals(10, first.getK());
        assertEquals(5.0, first.getRelevanceThreshold());
        assertTrue(first.getUsersEvaluated() > 0 && first.getUsersEvaluated() < 24,
                "only held-out ratings of 5 are relevant: " + first.getUsersEvaluated());
    }

    @Test
    void progressGoesThroughLoadSplitAndEachStrategy() {
        groups();
        List<EvaluateOfflineResponse> messages = evaluate(EvaluateOfflineRequest.newBuilder()
                .addStrategies(Strategy.STRATEGY_EASE).addStrategies(Strategy.STRATEGY_UNSPECIFIED).build());
        List<String> phases = new ArrayList<>();
        Map<String, Progress> lastOf = new TreeMap<>();
        for (EvaluateOfflineResponse m : messages) {
            if (m.hasProgress()) {
                String p = m.getProgress().getPhase();
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(p)) {
                    phases.add(p);
                }
                lastOf.put(p, m.getProgress());
            }
        }
        assertEquals(List.of("load", "split", "STRATEGY_EASE", "STRATEGY_UNSPECIFIED"), phases);
        EvaluationReport r = messages.get(messages.size() - 1).getReport();
        assertEquals(r.getUsersEvaluated(), lastOf.get("STRATEGY_EASE").getTotal());
        assertEquals(r.getUsersEvaluated(), lastOf.get("STRATEGY_EASE").getDone());
        assertEquals(r.getUsersEvaluated(), lastOf.get("STRATEGY_UNSPECIFIED").getDone());
        assertEquals(Strategy.STRATEGY_UNSPECIFIED, r.getStrategies(1).getStrategy());
        assertTrue(r.getStrategies(1).getHasRatingMetrics(), "the automatic choice predicts ratings");
    }

    @Test
    void servingModelsAndNeighbourListsAreLeftAlone() {
        groups();
        stub().trainModel(TrainModelRequest.newBuilder().setModelType(ModelType.MODEL_TYPE_EASE)
                .setRegularization(2).build()).forEachRemaining(m -> { });
        neighbours(NeighborKeys.scope(false, "cosine"), Map.of("a0", List.of(n("a1", 0.9))));
        neighbours(NeighborKeys.scope(true, "cosine"), Map.of("au0", List.of(n("au1", 0.8))));
        var modelsBefore = stub().listModels(ListModelsRequest.getDefaultInstance());
        Map<String, String> redisBefore = redisState();

        report(EvaluateOfflineRequest.newBuilder().addStrategies(Strategy.STRATEGY_EASE)
                .addStrategies(Strategy.STRATEGY_ITEM_KNN).addStrategies(Strategy.STRATEGY_USER_KNN)
                .addStrategies(Strategy.STRATEGY_MATRIX_FACTORIZATION).addStrategies(Strategy.STRATEGY_UNSPECIFIED)
                .build());

        assertEquals(modelsBefore, stub().listModels(ListModelsRequest.getDefaultInstance()));
        assertEquals(redisBefore, redisState());
        assertEquals("ease-1", stub().recommend(RecommendRequest.newBuilder().setUserId("au0")
                .setStrategy(Strategy.STRATEGY_EASE).build()).getModelVersion());
    }

    /** Every key of the tenant in Redis with its content (hashes as their entries). */
    private Map<String, String> redisState() {
        Map<String, String> state = new TreeMap<>();
        Response keys = redis.send(Request.cmd(Command.KEYS).arg("*" + tenant + "*")).await()
                .atMost(Duration.ofSeconds(5));
        for (Response key : keys) {
            String k = key.toString();
            String type = redis.send(Request.cmd(Command.TYPE).arg(k)).await().atMost(Duration.ofSeconds(5))
                    .toString();
            String value = type.equals("hash")
                    ? new TreeMap<>(hash(k)).toString()
                    : type;
            state.put(k, value);
        }
        return state;
    }

    private Map<String, String> hash(String key) {
        Map<String, String> out = new TreeMap<>();
        Response r = redis.send(Request.cmd(Command.HGETALL).arg(key)).await().atMost(Duration.ofSeconds(5));
        for (String field : r.getKeys()) {
            out.put(field, r.get(field).toString());
        }
        return out;
    }

    @Test
    void badParametersNameTheirField() {
        for (double f : List.of(1.0, -0.1, 1.5, Double.NaN)) {
            assertStatus(Status.Code.INVALID_ARGUMENT, "test_fraction",
                    () -> evaluate(EvaluateOfflineRequest.newBuilder().setTestFraction(f).build()));
        }
        for (int k : List.of(-1, 1001)) {
            assertStatus(Status.Code.INVALID_ARGUMENT, "k",
                    () -> evaluate(EvaluateOfflineRequest.newBuilder().setK(k).build()));
        }
        for (double t : List.of(-1.0, Double.POSITIVE_INFINITY, Double.NaN)) {
            assertStatus(Status.Code.INVALID_ARGUMENT, "relevance_threshold",
                    () -> evaluate(EvaluateOfflineRequest.newBuilder().setRelevanceThreshold(t).build()));
        }
        assertStatus(Status.Code.INVALID_ARGUMENT, "strategies", () -> evaluate(EvaluateOfflineRequest.newBuilder()
                .addStrategies(Strategy.STRATEGY_EASE).addStrategies(Strategy.STRATEGY_EASE).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "strategies", () -> evaluate(EvaluateOfflineRequest.newBuilder()
                .addStrategiesValue(99).build()));
    }

    @Test
    void nothingRelevantIsAFailedPrecondition() {
        assertStatus(Status.Code.FAILED_PRECONDITION, "relevant", () -> evaluate(
                EvaluateOfflineRequest.getDefaultInstance()));
        for (int u = 0; u < 5; u++) {
            log.rating("u" + u, "alien", 2);
            log.rating("u" + u, "heat", 3);
            log.event("single" + u, "up", EventType.EVENT_TYPE_VIEW, 0);
        }
        assertStatus(Status.Code.FAILED_PRECONDITION, "relevant", () -> evaluate(
                EvaluateOfflineRequest.newBuilder().setRelevanceThreshold(4).build()));
    }

    @Test
    void profileServiceDownIsUnavailable() {
        groups();
        log.failAfterBatches = 0;
        assertStatus(Status.Code.UNAVAILABLE, "", () -> evaluate(EvaluateOfflineRequest.getDefaultInstance()));
    }
}
