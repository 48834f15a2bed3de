package dev.persona.recommend.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.api.v1.EvaluateOfflineRequest;
import dev.persona.api.v1.EvaluateOfflineResponse;
import dev.persona.api.v1.GetStrategyMetricsRequest;
import dev.persona.api.v1.ListModelsRequest;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.Strategy;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL unreachable, the strategies that need no trained model still serve; what needs PostgreSQL (models,
 * training, strategy metrics, offline evaluation of model strategies) says UNAVAILABLE rather than pretending nothing
 * was trained.
 */
@QuarkusTest
@TestProfile(PostgresDownTest.NoPostgres.class)
@QuarkusTestResource(StandInProfileResource.class)
class PostgresDownTest extends RecommendTestSupport {

    public static class NoPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/test",
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.datasource.jdbc.acquisition-timeout", "1s");
        }
    }

    @Test
    void servingGoesOnAndTheRestSaysUnavailable() {
        crowd();
        log.rating("u1", "alien", 5);
        RecommendResponse auto = stub().recommend(RecommendRequest.newBuilder().setUserId("u1").setK(3).build());
        assertEquals(3, auto.getRecommendationsCount());
        assertStatus(Status.Code.UNAVAILABLE, "", () -> stub().recommend(RecommendRequest.newBuilder()
                .setUserId("u1").setK(3).setStrategy(Strategy.STRATEGY_EASE).build()));
        assertStatus(Status.Code.UNAVAILABLE, "", () -> stub().listModels(ListModelsRequest.getDefaultInstance()));
        assertStatus(Status.Code.UNAVAILABLE, "", () -> stub().trainModel(TrainModelRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_EASE).build()).forEachRemaining(r -> { }));
        assertStatus(Status.Code.UNAVAILABLE, "", () -> stub().getStrategyMetrics(
                GetStrategyMetricsRequest.getDefaultInstance()));
        // An offline evaluation of strategies without models needs no PostgreSQL; a model strategy's parameters do.
        List<EvaluateOfflineResponse> evaluation = new ArrayList<>();
        stub().evaluateOffline(EvaluateOfflineRequest.newBuilder().addStrategies(Strategy.STRATEGY_POPULAR)
                .addStrategies(Strategy.STRATEGY_ITEM_KNN).build()).forEachRemaining(evaluation::add);
        assertEquals(2, evaluation.get(evaluation.size() - 1).getReport().getStrategiesCount());
        assertStatus(Status.Code.UNAVAILABLE, "", () -> stub().evaluateOffline(EvaluateOfflineRequest.newBuilder()
                .addStrategies(Strategy.STRATEGY_UNSPECIFIED).build()).forEachRemaining(r -> { }));
    }
}
