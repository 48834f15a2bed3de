package dev.persona.recommend.grpc;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.EvaluateOfflineRequest;
import dev.persona.api.v1.EvaluateOfflineResponse;
import dev.persona.api.v1.Explanation;
import dev.persona.api.v1.Filter;
import dev.persona.api.v1.GetStrategyMetricsRequest;
import dev.persona.api.v1.GetStrategyMetricsResponse;
import dev.persona.api.v1.ListModelsRequest;
import dev.persona.api.v1.ListModelsResponse;
import dev.persona.api.v1.PredictRatingRequest;
import dev.persona.api.v1.PredictRatingResponse;
import dev.persona.api.v1.RankItemsRequest;
import dev.persona.api.v1.RankItemsResponse;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.RecommendServiceGrpc;
import dev.persona.api.v1.RecommendSimilarItemsRequest;
import dev.persona.api.v1.RecommendSimilarItemsResponse;
import dev.persona.api.v1.Recommendation;
import dev.persona.api.v1.StrategyMetrics;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainModelResponse;
import dev.persona.common.error.ApiError;
import dev.persona.common.grpc.GrpcCalls;
import dev.persona.common.grpc.Tenant;
import dev.persona.common.validation.Ids;
import dev.persona.recommend.filter.FilterSpec;
import dev.persona.recommend.service.Recommender;
import dev.persona.recommend.service.Strategy;
import dev.persona.recommend.store.MetricsLog;
import dev.persona.recommend.store.MetricsStore;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The RecommendService RPCs: validation and translation between protobuf and {@link Recommender}, nothing else;
 * trained models, offline evaluation and strategy metrics delegate to their own translation classes.
 */
@GrpcService
public class RecommendGrpcService extends RecommendServiceGrpc.RecommendServiceImplBase {

    private static final int MAX_K = 500;
    private static final int DEFAULT_K = 10;
    private static final int MAX_CATEGORIES = 1_000;
    private static final int MAX_EXCLUDED = 10_000;
    private static final int MAX_CANDIDATES = 1_000;

    @Inject
    Recommender recommender;

    @Inject
    MetricsLog metrics;

    @Inject
    MetricsStore metricsStore;

    @Inject
    ModelRpcs models;

    @Inject
    EvaluationRpcs evaluation;

    @Override
    @Blocking
    public void evaluateOffline(EvaluateOfflineRequest request, StreamObserver<EvaluateOfflineResponse> out) {
        evaluation.evaluate(Tenant.current(), request, out);
    }

    @Override
    @Blocking
    public void trainModel(TrainModelRequest request, StreamObserver<TrainModelResponse> out) {
        models.train(Tenant.current(), request, out);
    }

    @Override
    @Blocking
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> models.list(tenant, request));
    }

    @Override
    @Blocking
    public void getStrategyMetrics(GetStrategyMetricsRequest request, StreamObserver<GetStrategyMetricsResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            long since = request.hasSince() ? Ids.millis("since", request.getSince()) : 0;
            long until = request.hasUntil() ? Ids.millis("until", request.getUntil()) : System.currentTimeMillis();
            if (until < since) {
                throw ApiError.invalid("until", "is before since; give a window that ends after it starts");
            }
            try {
                metrics.flush();
            } catch (SQLException e) {
                throw ApiError.unavailable("PostgreSQL failed: " + e.getMessage(), e);
            }
            GetStrategyMetricsResponse.Builder b = GetStrategyMetricsResponse.newBuilder().setUntil(Timestamps.fromMillis(until));
            if (request.hasSince()) {
                b.setSince(request.getSince());
            }
            metricsStore.metrics(tenant, since, until).stream()
                    .sorted(Comparator.comparingInt(row -> Strategy.valueOf(row.strategy()).ordinal()))
                    .forEach(row -> b.addStrategies(StrategyMetrics.newBuilder()
                            .setStrategy(toProto(Strategy.valueOf(row.strategy())))
                            .setServed(row.served()).setItemsServed(row.items())
                            .setClicks(row.clicks()).setPurchases(row.purchases()).setRevenue(row.revenue())
                            .setClickThroughRate(row.served() == 0 ? 0 : (double) row.clicks() / row.served())
                            .setConversionRate(row.served() == 0 ? 0 : (double) row.purchases() / row.served())));
            return b.build();
        });
    }

    @Override
    @Blocking
    public void recommend(RecommendRequest request, StreamObserver<RecommendResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            String userId = Ids.require("user_id", request.getUserId());
            int k = k(request.getK());
            Strategy strategy = strategy(request.getStrategyValue());
            FilterSpec filter = filter(request.getFilter());
            Recommender.Result r = recommender.recommend(tenant, userId, k, strategy, filter, request.getExplain());
            return RecommendResponse.newBuilder().addAllRecommendations(toProto(r.items()))
                    .setStrategyUsed(toProto(r.used())).setModelVersion(r.modelVersion())
                    .setRecommendationId(servedId(tenant, r)).setColdStart(r.coldStart()).build();
        });
    }

    @Override
    @Blocking
    public void recommendSimilarItems(RecommendSimilarItemsRequest request,
                                      StreamObserver<RecommendSimilarItemsResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            String itemId = Ids.require("item_id", request.getItemId());
            String viewer = request.getUserId().isEmpty() ? "" : Ids.require("user_id", request.getUserId());
            int k = k(request.getK());
            FilterSpec filter = filter(request.getFilter());
            Recommender.Result r = recommender.similarItems(tenant, itemId, viewer, k, filter, request.getExplain());
            return RecommendSimilarItemsResponse.newBuilder().addAllRecommendations(toProto(r.items()))
                    .setStrategyUsed(toProto(r.used())).setModelVersion(r.modelVersion())
                    .setRecommendationId(servedId(tenant, r)).build();
        });
    }

    @Override
    @Blocking
    public void rankItems(RankItemsRequest request, StreamObserver<RankItemsResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            String userId = Ids.require("user_id", request.getUserId());
            List<String> items = request.getItemIdsList();
            if (items.isEmpty() || items.size() > MAX_CANDIDATES) {
                throw ApiError.invalid("item_ids", "must hold 1 to " + MAX_CANDIDATES + " ids, got " + items.size());
            }
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Ids.require("item_ids[" + i + "]", items.get(i));
                if (!distinct.add(items.get(i))) {
                    throw ApiError.invalid("item_ids", "'" + items.get(i) + "' appears more than once");
                }
            }
            Strategy strategy = strategy(request.getStrategyValue());
            Recommender.Result r = recommender.rankItems(tenant, userId, items, strategy, request.getExplain());
            return RankItemsResponse.newBuilder().addAllRecommendations(toProto(r.items()))
                    .setStrategyUsed(toProto(r.used())).setModelVersion(r.modelVersion())
                    .setRecommendationId(servedId(tenant, r)).build();
        });
    }

    @Override
    @Blocking
    public void predictRating(PredictRatingRequest request, StreamObserver<PredictRatingResponse> out) {
        String tenant = Tenant.current();
        GrpcCalls.unary(out, () -> {
            String userId = Ids.require("user_id", request.getUserId());
            String itemId = Ids.require("item_id", request.getItemId());
            Strategy strategy = strategy(request.getStrategyValue());
            if (strategy != Strategy.AUTO && strategy != Strategy.ITEM_KNN && strategy != Strategy.USER_KNN
                    && strategy != Strategy.MATRIX_FACTORIZATION) {
                throw ApiError.invalid("strategy", "rating predictions come from STRATEGY_UNSPECIFIED, ITEM_KNN,"
                        + " USER_KNN or MATRIX_FACTORIZATION, not " + strategy);
            }
            Recommender.Prediction p = recommender.predict(tenant, userId, itemId, strategy);
            return PredictRatingResponse.newBuilder().setRating(p.rating()).setStrategyUsed(toProto(p.used()))
                    .setFallback(p.fallback()).build();
        });
    }

    // ---- validation

    private static int k(int k) {
        if (k == 0) {
            return DEFAULT_K;
        }
        if (k < 1 || k > MAX_K) {
            throw ApiError.invalid("k", "must be between 1 and " + MAX_K + " (0 means " + DEFAULT_K + "), got " + k);
        }
        return k;
    }

    static Strategy strategy(int value) {
        return switch (value) {
            case dev.persona.api.v1.Strategy.STRATEGY_UNSPECIFIED_VALUE -> Strategy.AUTO;
            case dev.persona.api.v1.Strategy.STRATEGY_POPULAR_VALUE -> Strategy.POPULAR;
            case dev.persona.api.v1.Strategy.STRATEGY_TRENDING_VALUE -> Strategy.TRENDING;
            case dev.persona.api.v1.Strategy.STRATEGY_ITEM_KNN_VALUE -> Strategy.ITEM_KNN;
            case dev.persona.api.v1.Strategy.STRATEGY_USER_KNN_VALUE -> Strategy.USER_KNN;
            case dev.persona.api.v1.Strategy.STRATEGY_MATRIX_FACTORIZATION_VALUE -> Strategy.MATRIX_FACTORIZATION;
            case dev.persona.api.v1.Strategy.STRATEGY_EASE_VALUE -> Strategy.EASE;
            case dev.persona.api.v1.Strategy.STRATEGY_CONTENT_VALUE -> Strategy.CONTENT;
            case dev.persona.api.v1.Strategy.STRATEGY_HYBRID_VALUE -> Strategy.HYBRID;
            default -> throw ApiError.invalid("strategy", "unknown strategy " + value);
        };
    }

    private static FilterSpec filter(Filter f) {
        if (f.getCategoriesCount() > MAX_CATEGORIES) {
            throw ApiError.invalid("filter.categories", "at most " + MAX_CATEGORIES + " entries");
        }
        if (f.getExcludeCategoriesCount() > MAX_CATEGORIES) {
            throw ApiError.invalid("filter.exclude_categories", "at most " + MAX_CATEGORIES + " entries");
        }
        if (f.getExcludeItemIdsCount() > MAX_EXCLUDED) {
            throw ApiError.invalid("filter.exclude_item_ids", "at most " + MAX_EXCLUDED + " entries, got "
                    + f.getExcludeItemIdsCount());
        }
        for (int i = 0; i < f.getExcludeItemIdsCount(); i++) {
            Ids.require("filter.exclude_item_ids[" + i + "]", f.getExcludeItemIds(i));
        }
        price("filter.min_price", f.getMinPrice());
        price("filter.max_price", f.getMaxPrice());
        if (f.getMaxPrice() > 0 && f.getMaxPrice() < f.getMinPrice()) {
            throw ApiError.invalid("filter.max_price", "is below filter.min_price (" + f.getMinPrice() + ")");
        }
        if (f.getMaxPerCategory() < 0) {
            throw ApiError.invalid("filter.max_per_category", "must be 0 or more (0 means no cap)");
        }
        return new FilterSpec(f.getIncludeSeen(), Set.copyOf(f.getCategoriesList()),
                Set.copyOf(f.getExcludeCategoriesList()), Set.copyOf(f.getExcludeItemIdsList()), f.getMinPrice(),
                f.getMaxPrice(), f.getMaxPerCategory());
    }

    private static void price(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw ApiError.invalid(field, "must be a finite number, 0 or more (0 means no bound), got " + value);
        }
    }

    // ---- translation

    private String servedId(String tenant, Recommender.Result r) {
        String id = UUID.randomUUID().toString();
        metrics.served(tenant, id, r.used().name(), r.items().size());
        return id;
    }

    private static List<Recommendation> toProto(List<Recommender.Item> items) {
        return items.stream().map(i -> {
            Recommendation.Builder b = Recommendation.newBuilder().setItemId(i.itemId()).setScore(i.score());
            if (i.explanation() != null) {
                b.setExplanation(Explanation.newBuilder().addAllBecauseItemIds(i.because()).setText(i.explanation()));
            }
            return b.build();
        }).toList();
    }

    static dev.persona.api.v1.Strategy toProto(Strategy s) {
        return switch (s) {
            case AUTO -> dev.persona.api.v1.Strategy.STRATEGY_UNSPECIFIED;
            case POPULAR -> dev.persona.api.v1.Strategy.STRATEGY_POPULAR;
            case TRENDING -> dev.persona.api.v1.Strategy.STRATEGY_TRENDING;
            case ITEM_KNN -> dev.persona.api.v1.Strategy.STRATEGY_ITEM_KNN;
            case USER_KNN -> dev.persona.api.v1.Strategy.STRATEGY_USER_KNN;
            case MATRIX_FACTORIZATION -> dev.persona.api.v1.Strategy.STRATEGY_MATRIX_FACTORIZATION;
            case EASE -> dev.persona.api.v1.Strategy.STRATEGY_EASE;
            case CONTENT -> dev.persona.api.v1.Strategy.STRATEGY_CONTENT;
            case HYBRID -> dev.persona.api.v1.Strategy.STRATEGY_HYBRID;
        };
    }
}
