package dev.persona.recommend.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static dev.persona.common.testing.GrpcAssertions.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.ListModelsRequest;
import dev.persona.api.v1.ModelInfo;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.PredictRatingRequest;
import dev.persona.api.v1.PredictRatingResponse;
import dev.persona.api.v1.Recommendation;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.Strategy;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainModelResponse;
import dev.persona.api.v1.TrainResult;
import dev.persona.common.testing.GrpcAssertions;
import dev.persona.common.testing.StandInProfileResource;
import dev.persona.recommend.model.ModelCodec;
import dev.persona.recommend.model.TrainedModel;
import io.agroal.api.AgroalDataSource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class TrainedModelsRpcTest extends RecommendTestSupport {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    dev.persona.recommend.service.ScheduledRetraining retraining;

    /** Sci-fi fans s1..s6 rate the space films high and crime low; crime fans c1..c6 the other way round. */
    private void tastes() {
        for (int u = 1; u <= 6; u++) {
            log.rating("s" + u, "alien", 5);
            log.rating("s" + u, "aliens", 4 + u % 2);
            if (u > 1) {
                log.rating("s" + u, "starwars", 5);
            }
            log.rating("s" + u, "heat", 2);
            log.rating("c" + u, "heat", 5);
            log.rating("c" + u, "ronin", 4 + u % 2);
            log.rating("c" + u, "alien", 1);
            if (u > 1) {
                log.rating("c" + u, "starwars", 2);
            }
        }
    }

    private List<TrainModelResponse> train(TrainModelRequest request) {
        List<TrainModelResponse> out = new ArrayList<>();
        stub().trainModel(request).forEachRemaining(out::add);
        return out;
    }

    private TrainResult trained(ModelType type, int factors, boolean keepServing) {
        List<TrainModelResponse> messages = train(TrainModelRequest.newBuilder().setModelType(type)
                .setFactors(factors).setIterations(8).setSeed(3).setKeepServing(keepServing).build());
        TrainModelResponse last = messages.get(messages.size() - 1);
        assertTrue(last.hasResult(), "the last message is the result");
        return last.getResult();
    }

    private RecommendResponse recommend(String user, Strategy strategy) {
        return stub().recommend(RecommendRequest.newBuilder().setUserId(user).setStrategy(strategy).setK(3)
                .setExplain(true).build());
    }

    private static List<String> ids(RecommendResponse r) {
        return r.getRecommendationsList().stream().map(Recommendation::getItemId).toList();
    }

    @Test
    void easeTrainsWithProgressServesAndExplains() {
        tastes();
        List<TrainModelResponse> messages = train(TrainModelRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_EASE).setRegularization(1).build());
        Set<String> phases = new HashSet<>();
        messages.stream().filter(TrainModelResponse::hasProgress).forEach(m -> phases.add(m.getProgress().getPhase()));
        assertEquals(Set.of("load", "fit", "store"), phases);
        TrainResult result = messages.get(messages.size() - 1).getResult();
        assertEquals("ease-1", result.getModelVersion());
        assertTrue(result.getServing());
        assertEquals(ModelType.MODEL_TYPE_EASE, result.getModelType());

        RecommendResponse r = recommend("s1", Strategy.STRATEGY_EASE);
        assertEquals(Strategy.STRATEGY_EASE, r.getStrategyUsed());
        assertEquals("ease-1", r.getModelVersion());
        assertEquals("starwars", r.getRecommendations(0).getItemId(), r.toString());
        assertFalse(r.getRecommendations(0).getExplanation().getBecauseItemIdsList().isEmpty(), r.toString());

        List<ModelInfo> models = stub().listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
        assertEquals(1, models.size());
        ModelInfo info = models.get(0);
        assertEquals("ease-1", info.getModelVersion());
        assertTrue(info.getServing());
        assertEquals(12, info.getUsers());
        assertEquals(5, info.getItems());
        assertEquals(1.0, info.getRegularization());
        assertTrue(info.getTrainedToSequence() > 0);
    }

    @Test
    void implicitAlsFoldsInAUserItNeverSaw() {
        tastes();
        TrainResult result = trained(ModelType.MODEL_TYPE_ALS_IMPLICIT, 4, false);
        assertEquals("als-implicit-1", result.getModelVersion());
        assertTrue(result.getTrainingMetricsMap().containsKey("loss"));
        recent("newcomer", "alien", "RATING", 5);
        recent("newcomer", "aliens", "RATING", 5);
        RecommendResponse r = recommend("newcomer", Strategy.STRATEGY_MATRIX_FACTORIZATION);
        assertEquals(Strategy.STRATEGY_MATRIX_FACTORIZATION, r.getStrategyUsed());
        assertEquals("als-implicit-1", r.getModelVersion());
        List<String> ids = ids(r);
        assertTrue(ids.indexOf("starwars") >= 0 && ids.indexOf("starwars") < ids.indexOf("ronin"),
                "the sci-fi film before the crime-only one: " + ids);
    }

    @Test
    void explicitAlsPredictsRatingsForKnownAndFoldedInUsers() {
        tastes();
        TrainResult result = trained(ModelType.MODEL_TYPE_ALS_EXPLICIT, 4, false);
        assertTrue(result.getTrainingMetricsMap().get("train_rmse") < 1.0, result.toString());
        PredictRatingResponse fan = stub().predictRating(PredictRatingRequest.newBuilder().setUserId("s1")
                .setItemId("starwars").setStrategy(Strategy.STRATEGY_MATRIX_FACTORIZATION).build());
        PredictRatingResponse critic = stub().predictRating(PredictRatingRequest.newBuilder().setUserId("c1")
                .setItemId("starwars").setStrategy(Strategy.STRATEGY_MATRIX_FACTORIZATION).build());
        assertEquals(Strategy.STRATEGY_MATRIX_FACTORIZATION, fan.getStrategyUsed());
        assertTrue(fan.getRating() > critic.getRating() + 1, fan + " / " + critic);
        recent("newcomer", "heat", "RATING", 5);
        PredictRatingResponse folded = stub().predictRating(PredictRatingRequest.newBuilder().setUserId("newcomer")
                .setItemId("ronin").build());
        assertEquals(Strategy.STRATEGY_MATRIX_FACTORIZATION, folded.getStrategyUsed());
        assertTrue(folded.getRating() >= 3.5, folded.toString());
    }

    @Test
    void versionsKeepServingAndASwapReachesTheReplica() throws Exception {
        tastes();
        assertEquals("ease-1", trained(ModelType.MODEL_TYPE_EASE, 0, false).getModelVersion());
        TrainResult kept = trained(ModelType.MODEL_TYPE_EASE, 0, true);
        assertEquals("ease-2", kept.getModelVersion());
        assertFalse(kept.getServing());
        assertEquals("ease-1", recommend("s1", Strategy.STRATEGY_EASE).getModelVersion());
        List<ModelInfo> models = stub().listModels(ListModelsRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_EASE).build()).getModelsList();
        assertEquals(List.of("ease-2", "ease-1"), models.stream().map(ModelInfo::getModelVersion).toList());
        assertEquals(List.of(false, true), models.stream().map(ModelInfo::getServing).toList());

        // Another replica (an operator rolling forward) switches the serving version and bumps the revision.
        sql("UPDATE serving_models SET model_version = 'ease-2' WHERE tenant_id = '" + tenant + "'");
        redis.send(Request.cmd(Command.INCR).arg("persona:" + tenant + ":models-revision"))
                .await().atMost(Duration.ofSeconds(5));
        eventually("ease-2 serves", () -> recommend("s1", Strategy.STRATEGY_EASE).getModelVersion().equals("ease-2"));
    }

    @Test
    void theAutomaticChoiceUsesTrainedModels() {
        tastes();
        assertFalse(stub().recommend(RecommendRequest.newBuilder().setUserId("s1").setK(3).build())
                .getModelVersion().contains("ease"));
        trained(ModelType.MODEL_TYPE_EASE, 0, false);
        RecommendResponse r = stub().recommend(RecommendRequest.newBuilder().setUserId("s1").setK(3).build());
        assertTrue(r.getModelVersion().contains("ease-1"), r.toString());
        assertTrue(Set.of(Strategy.STRATEGY_EASE, Strategy.STRATEGY_HYBRID).contains(r.getStrategyUsed()),
                r.toString());
    }

    @Test
    void badRequestsAndMissingModelsSayWhatToDo() {
        assertStatus(Status.Code.INVALID_ARGUMENT, "model_type", () -> train(TrainModelRequest.getDefaultInstance()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "factors", () -> train(TrainModelRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_ALS_IMPLICIT).setFactors(2000).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "regularization", () -> train(TrainModelRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_EASE).setRegularization(-1).build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, "no interaction", () -> train(TrainModelRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_EASE).build()));
        crowd(); // views only
        assertStatus(Status.Code.FAILED_PRECONDITION, "no rating", () -> train(TrainModelRequest.newBuilder()
                .setModelType(ModelType.MODEL_TYPE_ALS_EXPLICIT).build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, "TrainModel", () -> recommend("p1", Strategy.STRATEGY_EASE));
        assertStatus(Status.Code.FAILED_PRECONDITION, "TrainModel", () -> stub().predictRating(
                PredictRatingRequest.newBuilder().setUserId("p1").setItemId("alien")
                        .setStrategy(Strategy.STRATEGY_MATRIX_FACTORIZATION).build()));
    }

    @Test
    void anErasureRemovesTheUsersFactorsFromEveryStoredVersion() throws Exception {
        tastes();
        trained(ModelType.MODEL_TYPE_ALS_IMPLICIT, 4, false);
        trained(ModelType.MODEL_TYPE_ALS_EXPLICIT, 4, false);
        assertTrue(modelsHolding("s2") == 2);
        log.deleteUser("s2");
        GrpcAssertions.feed(redis, tenant, "kind", "erase", "user", "s2");
        eventually("s2 is gone from the stored models", () -> modelsHolding("s2") == 0);
        assertEquals(2, modelsHolding("s3"));
    }

    /** How many stored versions of this tenant hold per-user factors of the user. */
    private int modelsHolding(String user) {
        int n = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT model FROM models WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TrainedModel m = ModelCodec.decode(rs.getBytes(1));
                    if (m.erase(user)) {
                        n++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    private void sql(String statement) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scheduledRetrainingTrainsServingModelsAgainWithTheirParametersOnlyWhenTheLogGrew() {
        tastes();
        train(TrainModelRequest.newBuilder().setModelType(ModelType.MODEL_TYPE_EASE).setRegularization(50).build());
        trained(ModelType.MODEL_TYPE_ALS_IMPLICIT, 4, false);
        assertTrue(retraining.retrain(tenant::equals).isEmpty(), "nothing new in the log: nothing retrained");

        log.rating("s7", "alien", 5);
        log.rating("s7", "starwars", 4);
        var retrained = retraining.retrain(tenant::equals);
        assertEquals(Set.of("ease-2", "als-implicit-2"),
                new HashSet<>(retrained.stream().map(v -> v.version()).toList()));
        List<ModelInfo> models = stub().listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
        ModelInfo ease = models.stream().filter(m -> m.getModelVersion().equals("ease-2")).findFirst().orElseThrow();
        ModelInfo als = models.stream().filter(m -> m.getModelVersion().equals("als-implicit-2")).findFirst().orElseThrow();
        assertTrue(ease.getServing() && als.getServing(), "the retrained versions serve");
        assertEquals(50, ease.getRegularization(), 1e-9, "EASE keeps its λ");
        assertEquals(4, als.getFactors(), "ALS keeps its factors");
        assertEquals(8, als.getIterations(), "and its iterations");
        assertTrue(retraining.retrain(tenant::equals).isEmpty(), "caught up: nothing retrained again");
    }
}
