package dev.persona.recommend.grpc;

import dev.persona.api.v1.EvaluateOfflineRequest;
import dev.persona.api.v1.EvaluateOfflineResponse;
import dev.persona.api.v1.EvaluationReport;
import dev.persona.api.v1.StrategyEvaluation;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.ProgressStream;
import dev.persona.recommend.eval.StrategyScores;
import dev.persona.recommend.service.OfflineEvaluation;
import dev.persona.recommend.service.Strategy;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** EvaluateOffline: validation and translation, for {@link RecommendGrpcService}. */
@ApplicationScoped
class EvaluationRpcs {

    private final OfflineEvaluation evaluation;

    EvaluationRpcs(OfflineEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    void evaluate(String tenant, EvaluateOfflineRequest r, StreamObserver<EvaluateOfflineResponse> out) {
        ProgressStream<EvaluateOfflineResponse> stream = new ProgressStream<>(out,
                p -> EvaluateOfflineResponse.newBuilder().setProgress(p).build());
        stream.run(() -> {
            OfflineEvaluation.Request request = request(r);
            OfflineEvaluation.Report report = evaluation.evaluate(tenant, request, stream::progress);
            EvaluationReport.Builder b = EvaluationReport.newBuilder().setUsersEvaluated(report.usersEvaluated())
                    .setK(request.k()).setTestFraction(request.testFraction()).setSeed(request.seed())
                    .setRelevanceThreshold(request.relevanceThreshold())
                    .setTrainInteractions(report.trainInteractions()).setTestInteractions(report.testInteractions())
                    .setCatalogItems(report.catalogItems()).setElapsedMs(report.elapsedMs());
            for (OfflineEvaluation.StrategyResult s : report.strategies()) {
                StrategyScores.Summary m = s.summary();
                b.addStrategies(StrategyEvaluation.newBuilder().setStrategy(RecommendGrpcService.toProto(s.strategy()))
                        .setPrecisionAtK(m.precision()).setRecallAtK(m.recall()).setNdcgAtK(m.ndcg())
                        .setHitRateAtK(m.hitRate()).setMapAtK(m.map()).setCoverage(m.coverage())
                        .setPopularityBias(m.popularityBias()).setRmse(m.rmse()).setMae(m.mae())
                        .setHasRatingMetrics(m.hasRatingMetrics()).setUsersEvaluated(m.users())
                        .setRatingsEvaluated(m.ratings()).setElapsedMs(s.elapsedMs()));
            }
            return EvaluateOfflineResponse.newBuilder().setReport(b).build();
        });
    }

    static OfflineEvaluation.Request request(EvaluateOfflineRequest r) {
        double fraction = r.getTestFraction();
        if (fraction == 0) {
            fraction = 0.2;
        } else if (!(fraction > 0 && fraction < 1)) {
            throw ApiError.invalid("test_fraction", "is " + r.getTestFraction()
                    + "; allowed: strictly between 0 and 1 (0 means 0.2)");
        }
        int k = r.getK() == 0 ? 10 : r.getK();
        if (k < 1 || k > 1000) {
            throw ApiError.invalid("k", "is " + r.getK() + "; allowed: 1 to 1,000 (0 means 10)");
        }
        double threshold = r.getRelevanceThreshold();
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw ApiError.invalid("relevance_threshold", "is " + threshold + "; allowed: a finite number, 0 or more");
        }
        Set<Strategy> strategies = new LinkedHashSet<>();
        for (int i = 0; i < r.getStrategiesCount(); i++) {
            Strategy s;
            try {
                s = RecommendGrpcService.strategy(r.getStrategiesValue(i));
            } catch (ApiError e) {
                throw ApiError.invalid("strategies", "entry " + i + " is " + r.getStrategiesValue(i)
                        + ", not a known Strategy");
            }
            if (!strategies.add(s)) {
                throw ApiError.invalid("strategies", "lists " + r.getStrategies(i) + " more than once; "
                        + "give each strategy at most once");
            }
        }
        List<Strategy> order = new ArrayList<>(strategies);
        if (order.isEmpty()) {
            for (dev.persona.api.v1.Strategy s : dev.persona.api.v1.Strategy.values()) {
                if (s != dev.persona.api.v1.Strategy.STRATEGY_UNSPECIFIED
                        && s != dev.persona.api.v1.Strategy.UNRECOGNIZED) {
                    order.add(RecommendGrpcService.strategy(s.getNumber()));
                }
            }
        }
        return new OfflineEvaluation.Request(List.copyOf(order), k, fraction, r.getSeed(), threshold);
    }
}
