package dev.persona.cli;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.EvaluateOfflineRequest;
import dev.persona.api.v1.EvaluateOfflineResponse;
import dev.persona.api.v1.EvaluationReport;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.Explanation;
import dev.persona.api.v1.Filter;
import dev.persona.api.v1.GetStrategyMetricsRequest;
import dev.persona.api.v1.GetStrategyMetricsResponse;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.ListModelsRequest;
import dev.persona.api.v1.ListModelsResponse;
import dev.persona.api.v1.ModelInfo;
import dev.persona.api.v1.ModelType;
import dev.persona.api.v1.PredictRatingRequest;
import dev.persona.api.v1.PredictRatingResponse;
import dev.persona.api.v1.Progress;
import dev.persona.api.v1.RankItemsRequest;
import dev.persona.api.v1.RankItemsResponse;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.RecommendServiceGrpc;
import dev.persona.api.v1.RecommendSimilarItemsRequest;
import dev.persona.api.v1.RecommendSimilarItemsResponse;
import dev.persona.api.v1.Recommendation;
import dev.persona.api.v1.Strategy;
import dev.persona.api.v1.StrategyEvaluation;
import dev.persona.api.v1.StrategyMetrics;
import dev.persona.api.v1.TrainModelRequest;
import dev.persona.api.v1.TrainModelResponse;
import dev.persona.api.v1.TrainResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-memory RecommendService for the command tests, serving from the {@link FakeProfileService}'s data of the
 * same tenant (the x-tenant-id header). Every strategy ranks the same way: an item's score is its number of distinct
 * users (impressions aside), ties by id. Seen items are left out unless {@code include_seen}, and the rest of the
 * filter applies as the contract says. The automatic choice is HYBRID for a user with history, POPULAR for one
 * without (a cold start); any other strategy is served as asked, except when a test makes it fall back to another
 * or unavailable (FAILED_PRECONDITION, as a strategy whose model or lists do not exist yet).
 */
public final class FakeRecommendService extends RecommendServiceGrpc.RecommendServiceImplBase {

    private static final int DEFAULT_K = 10;
    private static final int MAX_BECAUSE = 3;
    private static final Set<Strategy> WITHOUT_MODEL = Set.of(Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_TRENDING,
            Strategy.STRATEGY_CONTENT);
    private static final Set<Strategy> PREDICTING = Set.of(Strategy.STRATEGY_UNSPECIFIED, Strategy.STRATEGY_ITEM_KNN,
            Strategy.STRATEGY_USER_KNN, Strategy.STRATEGY_MATRIX_FACTORIZATION);

    private final FakeProfileService profiles;
    private final Map<Strategy, Strategy> fallbacks = new ConcurrentHashMap<>();
    private final Set<Strategy> unavailable = ConcurrentHashMap.newKeySet();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong lists = new AtomicLong();

    public FakeRecommendService(FakeProfileService profiles) {
        this.profiles = profiles;
    }

    /** {@code asked} is served by {@code instead}, which the responses report. */
    public FakeRecommendService fallback(Strategy asked, Strategy instead) {
        fallbacks.put(asked, instead);
        return this;
    }

    /** Asking for {@code strategy} by name gives FAILED_PRECONDITION. */
    public FakeRecommendService unavailable(Strategy strategy) {
        unavailable.add(strategy);
        return this;
    }

    /** "tenant RpcName" of every call, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The requests received, in order. */
    public List<Object> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void recommend(RecommendRequest request, StreamObserver<RecommendResponse> responses) {
        answer(responses, () -> {
            Catalogue catalogue = new Catalogue(tenant("Recommend", request));
            requireId(request.getUserId(), "user_id");
            List<String> history = catalogue.history(request.getUserId());
            Strategy used = serving(request.getStrategy(), history.isEmpty());
            List<Item> candidates = catalogue.candidates(request.getFilter(),
                    request.getFilter().getIncludeSeen() ? Set.of() : Set.copyOf(history), Set.of());
            return RecommendResponse.newBuilder()
                    .addAllRecommendations(catalogue.recommend(candidates, k(request.getK()), request.getExplain(),
                            history))
                    .setStrategyUsed(used)
                    .setModelVersion(modelVersion(used))
                    .setRecommendationId(nextId())
                    .setColdStart(history.isEmpty())
                    .build();
        });
    }

    private final List<ModelInfo> models = Collections.synchronizedList(new ArrayList<>());

    /** Trains nothing: two Progress messages, then a version numbered per type, serving unless kept. */
    @Override
    public void trainModel(TrainModelRequest request, StreamObserver<TrainModelResponse> responses) {
        tenant("TrainModel", request);
        requests.add(request);
        if (request.getModelType() == ModelType.MODEL_TYPE_UNSPECIFIED) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("model_type: is required").asRuntimeException());
            return;
        }
        String version = request.getModelType().name().substring("MODEL_TYPE_".length()).toLowerCase()
                .replace('_', '-') + "-" + (models.stream().filter(m -> m.getModelType() == request.getModelType())
                .count() + 1);
        responses.onNext(TrainModelResponse.newBuilder().setProgress(Progress.newBuilder().setPhase("load")
                .setDone(10).setTotal(10)).build());
        responses.onNext(TrainModelResponse.newBuilder().setProgress(Progress.newBuilder().setPhase("fit")
                .setDone(1).setTotal(1).setLoss(0.5)).build());
        boolean serving = !request.getKeepServing();
        if (serving) {
            models.replaceAll(m -> m.getModelType() == request.getModelType() ? m.toBuilder().setServing(false).build()
                    : m);
        }
        models.add(0, ModelInfo.newBuilder().setModelVersion(version).setModelType(request.getModelType())
                .setFactors(request.getFactors()).setServing(serving).putTrainingMetrics("loss", 0.5)
                .setTrainedAt(Timestamp.newBuilder().setSeconds(1_700_000_000)).setUsers(3).setItems(4)
                .setElapsedMs(12).build());
        responses.onNext(TrainModelResponse.newBuilder().setResult(TrainResult.newBuilder().setModelVersion(version)
                .setModelType(request.getModelType()).setServing(serving).setElapsedMs(12)
                .putTrainingMetrics("loss", 0.5)).build());
        responses.onCompleted();
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> responses) {
        answer(responses, () -> {
            tenant("ListModels", request);
            return ListModelsResponse.newBuilder().addAllModels(models.stream().filter(m ->
                    request.getModelType() == ModelType.MODEL_TYPE_UNSPECIFIED
                            || m.getModelType() == request.getModelType()).toList()).build();
        });
    }

    /**
     * Progress "load", "split" and one phase per strategy, then a report with one entry per strategy asked for
     * (popular and ease when none): P@k 0.1 for popular, 0.3 for the others; RMSE for item-knn only.
     */
    @Override
    public void evaluateOffline(EvaluateOfflineRequest request, StreamObserver<EvaluateOfflineResponse> responses) {
        tenant("EvaluateOffline", request);
        if (request.getK() > 1000) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription("k: is " + request.getK()
                    + "; allowed: 1 to 1,000 (0 means 10)").asRuntimeException());
            return;
        }
        List<Strategy> strategies = request.getStrategiesCount() == 0
                ? List.of(Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_EASE) : request.getStrategiesList();
        for (String phase : List.of("load", "split")) {
            responses.onNext(EvaluateOfflineResponse.newBuilder().setProgress(Progress.newBuilder().setPhase(phase)
                    .setDone(1).setTotal(1)).build());
        }
        EvaluationReport.Builder report = EvaluationReport.newBuilder().setUsersEvaluated(4)
                .setK(request.getK() == 0 ? 10 : request.getK())
                .setTestFraction(request.getTestFraction() == 0 ? 0.2 : request.getTestFraction())
                .setSeed(request.getSeed()).setRelevanceThreshold(request.getRelevanceThreshold())
                .setTrainInteractions(8).setTestInteractions(2).setCatalogItems(4).setElapsedMs(5);
        for (Strategy s : strategies) {
            responses.onNext(EvaluateOfflineResponse.newBuilder().setProgress(Progress.newBuilder()
                    .setPhase(s.name()).setDone(4).setTotal(4)).build());
            boolean knn = s == Strategy.STRATEGY_ITEM_KNN;
            report.addStrategies(StrategyEvaluation.newBuilder().setStrategy(s)
                    .setPrecisionAtK(s == Strategy.STRATEGY_POPULAR ? 0.1 : 0.3).setRecallAtK(0.5).setNdcgAtK(0.25)
                    .setHitRateAtK(0.75).setMapAtK(0.2).setCoverage(0.5).setPopularityBias(0.4)
                    .setHasRatingMetrics(knn).setRmse(knn ? 0.9 : 0).setMae(knn ? 0.7 : 0)
                    .setUsersEvaluated(4).setRatingsEvaluated(knn ? 2 : 0).setElapsedMs(1));
        }
        responses.onNext(EvaluateOfflineResponse.newBuilder().setReport(report).build());
        responses.onCompleted();
    }

    /** One line per strategy that served since start: the lists this fake answered, 1 click per 2 lists. */
    @Override
    public void getStrategyMetrics(GetStrategyMetricsRequest request,
            StreamObserver<GetStrategyMetricsResponse> responses) {
        answer(responses, () -> {
            tenant("GetStrategyMetrics", request);
            long served = lists.get();
            GetStrategyMetricsResponse.Builder b = GetStrategyMetricsResponse.newBuilder()
                    .setUntil(Timestamp.newBuilder().setSeconds(1_700_000_000));
            if (request.hasSince()) {
                b.setSince(request.getSince());
            }
            if (served > 0) {
                b.addStrategies(StrategyMetrics.newBuilder().setStrategy(Strategy.STRATEGY_HYBRID).setServed(served)
                        .setItemsServed(served * 3).setClicks(served / 2).setPurchases(0)
                        .setClickThroughRate((double) (served / 2) / served).setRevenue(0));
            }
            return b.build();
        });
    }

    @Override
    public void recommendSimilarItems(RecommendSimilarItemsRequest request,
            StreamObserver<RecommendSimilarItemsResponse> responses) {
        answer(responses, () -> {
            Catalogue catalogue = new Catalogue(tenant("RecommendSimilarItems", request));
            catalogue.requireItem(request.getItemId(), "item_id");
            List<String> history = catalogue.history(request.getUserId());
            Set<String> seen = request.getFilter().getIncludeSeen() ? Set.of() : Set.copyOf(history);
            List<Item> candidates = catalogue.candidates(request.getFilter(), seen, Set.of(request.getItemId()));
            return RecommendSimilarItemsResponse.newBuilder()
                    .addAllRecommendations(catalogue.recommend(candidates, k(request.getK()), request.getExplain(),
                            List.of(request.getItemId())))
                    .setStrategyUsed(Strategy.STRATEGY_ITEM_KNN)
                    .setModelVersion(modelVersion(Strategy.STRATEGY_ITEM_KNN))
                    .setRecommendationId(nextId())
                    .build();
        });
    }

    @Override
    public void rankItems(RankItemsRequest request, StreamObserver<RankItemsResponse> responses) {
        answer(responses, () -> {
            Catalogue catalogue = new Catalogue(tenant("RankItems", request));
            requireId(request.getUserId(), "user_id");
            if (request.getItemIdsCount() == 0
                    || new LinkedHashSet<>(request.getItemIdsList()).size() < request.getItemIdsCount()) {
                throw Status.INVALID_ARGUMENT.withDescription("item_ids: 1 to 1000 distinct ids").asRuntimeException();
            }
            List<Item> candidates = new ArrayList<>();
            for (String itemId : request.getItemIdsList()) {
                candidates.add(catalogue.requireItem(itemId, "item_ids"));
            }
            List<String> history = catalogue.history(request.getUserId());
            Strategy used = serving(request.getStrategy(), history.isEmpty());
            return RankItemsResponse.newBuilder()
                    .addAllRecommendations(catalogue.recommend(candidates, candidates.size(), request.getExplain(),
                            history))
                    .setStrategyUsed(used)
                    .setModelVersion(modelVersion(used))
                    .setRecommendationId(nextId())
                    .build();
        });
    }

    /** The mean of the item's ratings; the baseline 3 (a fallback) for a user without history or an unrated item. */
    @Override
    public void predictRating(PredictRatingRequest request, StreamObserver<PredictRatingResponse> responses) {
        answer(responses, () -> {
            Catalogue catalogue = new Catalogue(tenant("PredictRating", request));
            catalogue.requireItem(request.getItemId(), "item_id");
            if (!PREDICTING.contains(request.getStrategy())) {
                throw Status.INVALID_ARGUMENT.withDescription("strategy: " + request.getStrategy()
                        + " cannot predict ratings").asRuntimeException();
            }
            Strategy used = request.getStrategy() == Strategy.STRATEGY_UNSPECIFIED ? Strategy.STRATEGY_ITEM_KNN
                    : serving(request.getStrategy(), false);
            double[] ratings = catalogue.events.stream()
                    .filter(e -> e.getType() == EventType.EVENT_TYPE_RATING)
                    .filter(e -> e.getItemId().equals(request.getItemId()))
                    .mapToDouble(Event::getValue).toArray();
            boolean fallback = ratings.length == 0 || catalogue.history(request.getUserId()).isEmpty();
            return PredictRatingResponse.newBuilder()
                    .setRating(fallback ? 3 : Arrays.stream(ratings).average().orElseThrow())
                    .setStrategyUsed(used)
                    .setFallback(fallback)
                    .build();
        });
    }

    /** The strategy that serves a request for {@code asked}. */
    private Strategy serving(Strategy asked, boolean coldStart) {
        if (asked == Strategy.STRATEGY_UNSPECIFIED) {
            return coldStart ? Strategy.STRATEGY_POPULAR : Strategy.STRATEGY_HYBRID;
        }
        if (unavailable.contains(asked)) {
            throw Status.FAILED_PRECONDITION.withDescription("no model or neighbour lists for " + asked)
                    .asRuntimeException();
        }
        return fallbacks.getOrDefault(asked, asked);
    }

    private static String modelVersion(Strategy used) {
        return WITHOUT_MODEL.contains(used) ? "" : "gen-1";
    }

    private String nextId() {
        return "rec-" + lists.incrementAndGet();
    }

    private static int k(int k) {
        return k == 0 ? DEFAULT_K : k;
    }

    private static void requireId(String id, String field) {
        if (id.isEmpty()) {
            throw Status.INVALID_ARGUMENT.withDescription(field + ": required").asRuntimeException();
        }
    }

    /** One tenant's items and log, as the profile fake holds them now. */
    private final class Catalogue {

        private final Map<String, Item> items;
        private final List<Event> events;
        private final Map<String, Long> users = new HashMap<>();

        Catalogue(String tenant) {
            items = profiles.items(tenant);
            Map<String, Event> log = profiles.events(tenant);
            synchronized (log) {
                events = new ArrayList<>(log.values());
            }
            Map<String, Set<String>> usersOf = new HashMap<>();
            events.stream().filter(e -> e.getType() != EventType.EVENT_TYPE_IMPRESSION)
                    .forEach(e -> usersOf.computeIfAbsent(e.getItemId(), i -> new LinkedHashSet<>())
                            .add(e.getUserId()));
            usersOf.forEach((item, who) -> users.put(item, (long) who.size()));
        }

        Item requireItem(String itemId, String field) {
            requireId(itemId, field);
            Item item = items.get(itemId);
            if (item == null) {
                throw Status.NOT_FOUND.withDescription(field + ": item " + itemId + " not found").asRuntimeException();
            }
            return item;
        }

        /** The user's items in the order first interacted with (impressions aside). */
        List<String> history(String userId) {
            Set<String> seen = new LinkedHashSet<>();
            events.stream().filter(e -> e.getType() != EventType.EVENT_TYPE_IMPRESSION)
                    .filter(e -> e.getUserId().equals(userId)).forEach(e -> seen.add(e.getItemId()));
            return List.copyOf(seen);
        }

        List<Item> candidates(Filter filter, Set<String> seen, Set<String> anchors) {
            Map<String, Integer> perCategory = new HashMap<>();
            List<Item> candidates = new ArrayList<>();
            List<Item> byId = items.values().stream().sorted(Comparator.comparing(Item::getItemId)).toList();
            for (Item item : ranked(byId)) {
                boolean allowed = item.getActive() && !seen.contains(item.getItemId())
                        && !anchors.contains(item.getItemId())
                        && (filter.getCategoriesCount() == 0 || filter.getCategoriesList().contains(item.getCategory()))
                        && !filter.getExcludeCategoriesList().contains(item.getCategory())
                        && !filter.getExcludeItemIdsList().contains(item.getItemId())
                        && (filter.getMinPrice() == 0 || item.getPrice() >= filter.getMinPrice())
                        && (filter.getMaxPrice() == 0 || item.getPrice() <= filter.getMaxPrice());
                if (allowed && (filter.getMaxPerCategory() == 0
                        || perCategory.merge(item.getCategory(), 1, Integer::sum) <= filter.getMaxPerCategory())) {
                    candidates.add(item);
                }
            }
            return candidates;
        }

        /** Most users first, ties by id (a stable sort: ties keep the given order). */
        List<Item> ranked(List<Item> candidates) {
            List<Item> sorted = new ArrayList<>(candidates);
            sorted.sort(Comparator.comparingLong((Item item) -> -users.getOrDefault(item.getItemId(), 0L)));
            return sorted;
        }

        List<Recommendation> recommend(List<Item> candidates, int k, boolean explain, List<String> because) {
            List<Item> top = ranked(candidates);
            List<Recommendation> recommendations = new ArrayList<>();
            for (Item item : top.subList(0, Math.min(k, top.size()))) {
                long count = users.getOrDefault(item.getItemId(), 0L);
                Recommendation.Builder recommendation = Recommendation.newBuilder().setItemId(item.getItemId())
                        .setScore(count);
                if (explain) {
                    recommendation.setExplanation(Explanation.newBuilder()
                            .setText(count == 1 ? "Liked by 1 user" : "Liked by " + count + " users")
                            .addAllBecauseItemIds(because.subList(0, Math.min(MAX_BECAUSE, because.size()))));
                }
                recommendations.add(recommendation.build());
            }
            return recommendations;
        }
    }

    /** Answers with what {@code response} makes, or with the status it throws. */
    private static <R> void answer(StreamObserver<R> responses, Supplier<R> response) {
        R value;
        try {
            value = response.get();
        } catch (StatusRuntimeException e) {
            responses.onError(e);
            return;
        }
        responses.onNext(value);
        responses.onCompleted();
    }

    private String tenant(String rpc, Object request) {
        String tenant = FakeProfileService.TENANT.get();
        calls.add(tenant + " " + rpc);
        requests.add(request);
        return tenant;
    }
}
