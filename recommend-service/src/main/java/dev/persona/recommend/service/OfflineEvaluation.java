package dev.persona.recommend.service;

import dev.persona.common.error.ApiError;
import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.config.RecommendConfig;
import dev.persona.recommend.eval.HoldOut;
import dev.persona.recommend.eval.StrategyScores;
import dev.persona.recommend.filter.FilterSpec;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.model.AlsParams;
import dev.persona.recommend.model.Interactions;
import dev.persona.recommend.model.TrainedModel;
import dev.persona.recommend.store.ModelStore;
import dev.persona.recommend.store.ServingModels;
import dev.persona.recommend.store.TenantData;
import dev.persona.recommend.store.TenantStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * EvaluateOffline: splits the tenant's log per user into train and held-out parts, then for each strategy ranks
 * every user's list with {@link Recommender} over the train part alone ({@link EvaluationSources}: neighbour lists
 * and models computed in process, serving's untouched) and scores it against the held-out items.
 */
@ApplicationScoped
public class OfflineEvaluation {

    private static final Logger LOG = Logger.getLogger(OfflineEvaluation.class);

    /** Told how far the evaluation is: phase, done, total. */
    public interface Progress {
        void report(String phase, long done, long total);
    }

    /** A validated request; {@code strategies} in evaluation order. */
    public record Request(List<Strategy> strategies, int k, double testFraction, long seed,
                          double relevanceThreshold) {
    }

    /** One strategy's result. */
    public record StrategyResult(Strategy strategy, StrategyScores.Summary summary, long elapsedMs) {
    }

    /** The outcome. */
    public record Report(List<StrategyResult> strategies, long usersEvaluated, long trainInteractions,
                         long testInteractions, long catalogItems, long elapsedMs) {
    }

    private final TenantStore tenants;
    private final ModelStore store;
    private final RecommendConfig config;

    public OfflineEvaluation(TenantStore tenants, ModelStore store, RecommendConfig config) {
        this.tenants = tenants;
        this.store = store;
        this.config = config;
    }

    public Report evaluate(String tenant, Request request, Progress progress) {
        long started = System.currentTimeMillis();
        progress.report("load", 0, 0);
        TenantData data = tenants.get(tenant);
        tenants.catchUp(tenant);
        Map<String, List<UserEvent>> histories = new HashMap<>();
        data.forEachHistory(histories::put);
        progress.report("load", 1, 1);

        progress.report("split", 0, histories.size());
        HoldOut split = HoldOut.split(histories, request.testFraction(), request.seed());
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (String user : split.test().keySet()) {
            Set<String> r = split.relevant(user, request.relevanceThreshold());
            if (!r.isEmpty() && split.train().containsKey(user)) {
                relevant.put(user, r);
            }
        }
        progress.report("split", histories.size(), histories.size());
        if (relevant.isEmpty()) {
            throw ApiError.precondition("no user has a relevant held-out interaction to evaluate on (users with at "
                    + "least two items, held-out RATING values of at least the relevance threshold, or other events)");
        }
        TenantData.Catalogue catalogue = data.catalogue();
        TenantData train = TenantData.of(config.eventWeights(), config.trendingHalfLife().toMillis(), catalogue,
                split.train());
        Set<String> active = new HashSet<>();
        for (ItemInfo item : catalogue.items().values()) {
            if (item.active()) {
                active.add(item.id());
            }
        }
        Map<String, Integer> usersPerItem = new HashMap<>();
        split.train().forEach((user, events) -> events.stream().map(UserEvent::itemId).distinct()
                .forEach(item -> usersPerItem.merge(item, 1, Integer::sum)));
        double trainUsers = Math.max(1, split.train().size());

        EvaluationSources sources = new EvaluationSources(train, config.eventWeights(), config.training().threads(),
                type -> train(tenant, train, type, request.seed()));
        Recommender recommender = Recommender.over(sources, config);
        List<StrategyResult> results = new ArrayList<>();
        for (Strategy strategy : request.strategies()) {
            long strategyStarted = System.currentTimeMillis();
            String phase = "STRATEGY_" + (strategy == Strategy.AUTO ? "UNSPECIFIED" : strategy.name());
            progress.report(phase, 0, relevant.size());
            StrategyScores scores = new StrategyScores(request.k(),
                    item -> usersPerItem.getOrDefault(item, 0) / trainUsers);
            // Trains the models the strategy reads before ranking, so that a failure (PostgreSQL down while reading
            // the serving parameters) fails the evaluation instead of the automatic choice silently falling back.
            for (String type : modelTypes(strategy)) {
                sources.model(tenant, type);
            }
            boolean predicts = strategy == Strategy.ITEM_KNN || strategy == Strategy.USER_KNN
                    || strategy == Strategy.MATRIX_FACTORIZATION || strategy == Strategy.AUTO;
            boolean ratingsPredicted = predicts && explicitAvailable(tenant, strategy, sources);
            long done = 0;
            for (Map.Entry<String, Set<String>> e : relevant.entrySet()) {
                String user = e.getKey();
                Recommender.Result list = recommender.recommend(tenant, user, request.k(), strategy,
                        FilterSpec.DEFAULT, false);
                scores.addList(list.items().stream().map(Recommender.Item::itemId).toList(), e.getValue());
                done++;
                progress.report(phase, done, relevant.size());
            }
            if (ratingsPredicted) {
                for (String user : split.test().keySet()) {
                    if (!split.train().containsKey(user)) {
                        continue;
                    }
                    for (Map.Entry<String, Double> r : split.heldOutRatings(user).entrySet()) {
                        if (catalogue.item(r.getKey()) == null) {
                            continue;
                        }
                        Recommender.Prediction p = recommender.predict(tenant, user, r.getKey(), strategy);
                        scores.addRating(p.rating(), r.getValue());
                    }
                }
            }
            results.add(new StrategyResult(strategy, scores.summary(active),
                    System.currentTimeMillis() - strategyStarted));
        }
        long elapsed = System.currentTimeMillis() - started;
        LOG.infof("tenant %s: offline evaluation of %d strategies over %d users in %d ms", tenant,
                results.size(), relevant.size(), elapsed);
        return new Report(results, relevant.size(), split.trainCount(), split.testCount(), active.size(), elapsed);
    }

    /** The model types a strategy reads. */
    private static List<String> modelTypes(Strategy strategy) {
        return switch (strategy) {
            case EASE -> List.of("EASE");
            case MATRIX_FACTORIZATION -> List.of("ALS_IMPLICIT", "ALS_EXPLICIT");
            case AUTO -> List.of("EASE", "ALS_IMPLICIT", "ALS_EXPLICIT");
            default -> List.of();
        };
    }

    /** Whether the strategy predicts ratings here: MF only with an explicit model (ratings in the train part). */
    private static boolean explicitAvailable(String tenant, Strategy strategy, EvaluationSources sources) {
        return strategy != Strategy.MATRIX_FACTORIZATION || sources.model(tenant, "ALS_EXPLICIT") != null;
    }

    /** A model of the type trained on the split, with the serving model's parameters (else the defaults). */
    private ServingModels.Loaded train(String tenant, TenantData train, String type, long seed) {
        Interactions x = ModelTraining.interactions(train, type, config.eventWeights());
        if (x.size() == 0) {
            return null;
        }
        ModelStore.Version serving = null;
        for (ModelStore.Version v : store.list(tenant, type)) {
            if (v.serving()) {
                serving = v;
                break;
            }
        }
        int threads = config.training().threads();
        AlsParams defaults = type.equals("ALS_EXPLICIT") ? AlsParams.explicitDefaults() : AlsParams.implicitDefaults();
        AlsParams als = defaults.withSeed(seed).withThreads(threads).withAlpha(40);
        double easeLambda = 500;
        if (serving != null) {
            if (type.equals("EASE")) {
                easeLambda = serving.regularization();
            } else {
                als = als.withFactors(serving.factors()).withIterations(serving.iterations())
                        .withLambda(serving.regularization())
                        .withAlpha(serving.alpha() == 0 ? 40 : serving.alpha());
            }
        }
        TrainedModel model = ModelTraining.fit(x, new ModelTraining.Request(type, als, easeLambda, true),
                config.training().easeMaxItems(), ModelTraining.heapBudget(config), (iteration, of, loss) -> { });
        return new ServingModels.Loaded("evaluation-" + type.toLowerCase(Locale.ROOT), model);
    }
}
