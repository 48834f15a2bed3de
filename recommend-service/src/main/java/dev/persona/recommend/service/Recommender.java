package dev.persona.recommend.service;

import dev.persona.common.error.ApiError;
import dev.persona.common.neighbors.NeighborKeys;
import dev.persona.common.neighbors.NeighborReader;
import dev.persona.core.similarity.Neighbor;
import dev.persona.recommend.blend.Hybrid;
import dev.persona.recommend.config.RecommendConfig;
import dev.persona.recommend.filter.CandidateFilter;
import dev.persona.recommend.filter.Explanations;
import dev.persona.recommend.filter.FilterSpec;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.knn.Baselines;
import dev.persona.recommend.knn.Interests;
import dev.persona.recommend.knn.ItemKnn;
import dev.persona.recommend.knn.KnnWeighting;
import dev.persona.recommend.knn.NeighborSource;
import dev.persona.recommend.knn.RatingScale;
import dev.persona.recommend.knn.UserKnn;
import dev.persona.recommend.model.ExplicitAlsModel;
import dev.persona.recommend.model.ModelRanking;
import dev.persona.recommend.popular.PopularitySnapshot;
import dev.persona.recommend.ranking.Scored;
import dev.persona.recommend.store.RecentHistory;
import dev.persona.recommend.store.ServingModels;
import dev.persona.recommend.store.TenantData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Answers recommendation requests by combining the plain-Java strategies with what this replica holds (catalogue,
 * log, popularity), the user's recent history (Redis) and the neighbour lists (Redis). It decides which strategy
 * serves: the one asked for when it can serve this user, else a fallback, and {@link Result#used()} always names
 * what actually produced the list. A user whose consent is DENIED (or cannot be checked) is served without reading
 * their history. Redis being down degrades to what memory holds (popularity, content). Everything is read through
 * {@link RecommendSources}: the serving stores ({@link ServingSources}) for the CDI bean, an offline evaluation's
 * train split for an instance made by {@link #over}, so that both rank and predict with this one code.
 */
@ApplicationScoped
public class Recommender {

    private static final Logger LOG = Logger.getLogger(Recommender.class);
    /** The decayed interest the most trending item needs for TRENDING to serve instead of POPULAR. */
    private static final double MIN_TRENDING = 1.0;

    /** One recommended item. */
    public record Item(String itemId, double score, List<String> because, String explanation) {
    }

    /** A served list. */
    public record Result(List<Item> items, Strategy used, String modelVersion, boolean coldStart) {
    }

    /** A rating prediction. */
    public record Prediction(double rating, Strategy used, boolean fallback) {
    }

    /** A strategy's ranking and the version of what it read (neighbour generation), empty when none. */
    private record Ranking(Strategy strategy, List<Scored> ranked, String version) {
    }

    /** What one request knows about its user. */
    private record UserContext(String tenant, TenantData data, String userId, List<UserEvent> history,
                               boolean personalised) {
        boolean cold() {
            return history.isEmpty();
        }
    }

    @Inject
    ServingSources serving;

    @Inject
    RecommendConfig config;

    /** What this instance reads: the serving stores, or what {@link #over} was given. */
    private RecommendSources sources;

    /** The serving recommender (CDI). */
    public Recommender() {
    }

    private Recommender(RecommendSources sources, RecommendConfig config) {
        this.sources = sources;
        this.config = config;
    }

    /** A recommender that ranks with the same code over other data (an offline evaluation's train split). */
    public static Recommender over(RecommendSources sources, RecommendConfig config) {
        return new Recommender(sources, config);
    }

    private RecommendSources sources() {
        RecommendSources s = sources;
        return s != null ? s : serving;
    }

    // ---- Recommend

    public Result recommend(String tenant, String userId, int k, Strategy requested, FilterSpec spec, boolean explain) {
        UserContext user = user(tenant, userId);
        TenantData.Catalogue catalogue = user.data().catalogue();
        CandidateFilter filter = new CandidateFilter(spec, CandidateFilter.seenItems(user.history()), catalogue::item);
        Ranking ranking = rank(user, requested, filter, k);
        return finish(user, ranking, filter, k, explain);
    }

    /** Items like {@code itemId}; the viewer, if any and allowed, only contributes the items they already saw. */
    public Result similarItems(String tenant, String itemId, String viewer, int k, FilterSpec spec, boolean explain) {
        TenantData data = sources().data(tenant);
        if (data.catalogue().item(itemId) == null) {
            throw ApiError.notFound("item_id: item", itemId);
        }
        UserContext user = viewer.isEmpty() ? new UserContext(tenant, data, "", List.of(), false)
                : user(tenant, viewer);
        CandidateFilter filter = new CandidateFilter(spec.excluding(itemId), CandidateFilter.seenItems(user.history()),
                data.catalogue()::item);
        Ranking ranking = null;
        try {
            NeighborReader.Version v = sources().version(tenant, itemScope());
            if (v.exists()) {
                List<Scored> ranked = new ArrayList<>();
                for (Neighbor n : sources().lists(tenant, itemScope(), v, List.of(itemId)).get(itemId)) {
                    ranked.add(new Scored(n.id(), n.score(), List.of(itemId)));
                }
                if (!ranked.isEmpty()) {
                    ranking = new Ranking(Strategy.ITEM_KNN, ranked, version(itemScope(), v));
                }
            }
        } catch (ApiError e) {
            LOG.debugf("item neighbours unavailable, similar items from content: %s", e.getMessage());
        }
        if (ranking == null) {
            List<Scored> content = data.catalogue().content().similarTo(itemId, candidates(k), filter);
            ranking = content.isEmpty() ? popular(user, filter, k, false)
                    : new Ranking(Strategy.CONTENT, content.stream()
                            .map(s -> new Scored(s.itemId(), s.score(), List.of(itemId))).toList(), "");
        }
        return finish(user, ranking, filter, k, explain);
    }

    /** Orders the caller's candidates: scored ones first, the rest by popularity, then in the caller's order. */
    public Result rankItems(String tenant, String userId, List<String> itemIds, Strategy requested, boolean explain) {
        UserContext user = user(tenant, userId);
        for (int i = 0; i < itemIds.size(); i++) {
            if (user.data().catalogue().item(itemIds.get(i)) == null) {
                throw ApiError.notFound("item_ids[" + i + "]: item", itemIds.get(i));
            }
        }
        Set<String> candidates = new LinkedHashSet<>(itemIds);
        Ranking ranking = rank(user, requested, candidates::contains, itemIds.size());
        Map<String, Scored> scored = new LinkedHashMap<>();
        for (Scored s : ranking.ranked()) {
            if (candidates.contains(s.itemId())) {
                scored.putIfAbsent(s.itemId(), s);
            }
        }
        List<Scored> rest = new ArrayList<>();
        PopularitySnapshot popularity = user.data().popularity();
        for (String id : itemIds) {
            if (!scored.containsKey(id)) {
                rest.add(Scored.of(id, 0));
            }
        }
        rest.sort((a, b) -> Integer.compare(popularity.users(b.itemId()), popularity.users(a.itemId())));
        List<Item> items = new ArrayList<>();
        Explanations explanations = new Explanations(user.data().catalogue()::item);
        for (Scored s : scored.values()) {
            items.add(item(s, explain ? explanations.text(basis(ranking.strategy()), s, user.history()) : null));
        }
        for (Scored s : rest) {
            items.add(item(s, explain ? explanations.text(Explanations.Basis.POPULAR_PICK, s, user.history()) : null));
        }
        return new Result(items, ranking.strategy(), ranking.version(), user.cold());
    }

    // ---- PredictRating

    public Prediction predict(String tenant, String userId, String itemId, Strategy requested) {
        UserContext user = user(tenant, userId);
        TenantData data = user.data();
        if (data.catalogue().item(itemId) == null) {
            throw ApiError.notFound("item_id: item", itemId);
        }
        ServingModels.Loaded explicit = null;
        if (requested == Strategy.MATRIX_FACTORIZATION) {
            explicit = sources().model(tenant, "ALS_EXPLICIT");
        } else if (requested == Strategy.AUTO) {
            try {
                explicit = sources().model(tenant, "ALS_EXPLICIT");
            } catch (RuntimeException e) {
                LOG.debugf("trained models unavailable, the neighbour strategies predict: %s", e.getMessage());
            }
        }
        if (requested == Strategy.MATRIX_FACTORIZATION && explicit == null) {
            throw ApiError.precondition("no explicit ALS model has been trained for this tenant yet; TrainModel "
                    + "with MODEL_TYPE_ALS_EXPLICIT builds one");
        }
        if (explicit != null && user.personalised()) {
            ExplicitAlsModel m = (ExplicitAlsModel) explicit.model();
            int item = m.itemIndex(itemId);
            int u = m.userIndex(userId);
            Map<String, Double> ratings = Interests.ratings(user.history());
            if (item >= 0 && (u >= 0 || !ratings.isEmpty())) {
                double p = u >= 0 ? m.predict(u, item) : m.predict(m.foldIn(ratings), item);
                return new Prediction(scale().clip(p), Strategy.MATRIX_FACTORIZATION, false);
            }
        }
        RatingScale scale = new RatingScale(config.ratingScaleMin(), config.ratingScaleMax());
        Baselines baselines = data.baselines();
        double baseline = baselines == null ? (scale.min() + scale.max()) / 2
                : scale.clip(baselines.estimate(userId, itemId));
        List<Strategy> order = requested == Strategy.AUTO ? List.of(Strategy.ITEM_KNN, Strategy.USER_KNN)
                : List.of(requested);
        for (Strategy s : order) {
            OptionalDouble p = OptionalDouble.empty();
            try {
                if (s == Strategy.ITEM_KNN && baselines != null) {
                    NeighborReader.Version v = requireLists(itemScope(), tenant, requested == s);
                    if (v != null) {
                        p = new ItemKnn(source(tenant, itemScope(), v, List.of(itemId)), config.eventWeights(), scale)
                                .predict(userId, user.history(), itemId, baselines, config.predictionNeighbors());
                    }
                } else if (s == Strategy.USER_KNN) {
                    NeighborReader.Version v = requireLists(userScope(), tenant, requested == s);
                    if (v != null && user.personalised()) {
                        p = new UserKnn(source(tenant, userScope(), v, List.of(userId)), data::history,
                                data::interests, data::ratings, config.eventWeights(), scale)
                                .predict(userId, user.history(), itemId, config.predictionNeighbors());
                    }
                }
            } catch (ApiError e) {
                if (e.kind() == ApiError.Kind.FAILED_PRECONDITION) {
                    throw e;
                }
                LOG.debugf("prediction by %s unavailable: %s", s, e.getMessage());
            }
            if (p.isPresent()) {
                return new Prediction(p.getAsDouble(), s, false);
            }
        }
        return new Prediction(baseline, order.get(0), true);
    }

    // ---- strategies

    private Ranking rank(UserContext user, Strategy requested, Predicate<String> allowed, int k) {
        switch (requested) {
            case MATRIX_FACTORIZATION, EASE -> {
                if (servingRankingModel(user.tenant(), requested) == null) {
                    throw ApiError.precondition("no " + (requested == Strategy.EASE ? "EASE" : "matrix factorisation")
                            + " model has been trained for this tenant yet; TrainModel builds one");
                }
                return orFallback(user.cold() ? null : trained(user, requested, allowed, k), user, allowed, k);
            }
            case POPULAR -> {
                return popular(user, allowed, k, false);
            }
            case TRENDING -> {
                return popular(user, allowed, k, true);
            }
            default -> {
            }
        }
        if (requested == Strategy.ITEM_KNN) {
            requireLists(itemScope(), user.tenant(), true);
        }
        if (requested == Strategy.USER_KNN) {
            requireLists(userScope(), user.tenant(), true);
        }
        if (user.cold()) {
            return popular(user, allowed, k, true);
        }
        return switch (requested) {
            case ITEM_KNN -> orFallback(itemKnn(user), user, allowed, k);
            case USER_KNN -> orFallback(userKnn(user), user, allowed, k);
            case CONTENT -> orFallback(content(user, allowed, k), user, allowed, k);
            case HYBRID -> hybrid(user, allowed, k, true);
            default -> auto(user, allowed, k);
        };
    }

    /** The automatic choice for a user with history: the trained models when they serve, else part I's hybrid. */
    private Ranking auto(UserContext user, Predicate<String> allowed, int k) {
        boolean shortHistory = distinctItems(user.history()) < config.shortHistory();
        Map<String, List<Scored>> parts = new LinkedHashMap<>();
        Map<String, Double> weights = new HashMap<>();
        List<String> versions = new ArrayList<>();
        add(parts, weights, versions, trained(user, Strategy.EASE, allowed, k), config.hybrid().ease());
        add(parts, weights, versions, trained(user, Strategy.MATRIX_FACTORIZATION, allowed, k),
                config.hybrid().matrixFactorization());
        if (parts.isEmpty()) {
            return hybrid(user, allowed, k, !shortHistory);
        }
        if (shortHistory) {
            add(parts, weights, versions, content(user, allowed, k), config.hybrid().content());
        }
        if (parts.size() == 1) {
            Strategy only = Strategy.valueOf(parts.keySet().iterator().next());
            return new Ranking(only, parts.values().iterator().next(), String.join(",", versions));
        }
        return new Ranking(Strategy.HYBRID, new Hybrid(weights).blend(parts), String.join(",", versions));
    }

    /**
     * The serving model that ranks for a strategy: EASE, or implicit ALS (else explicit ALS) for MF; null if none.
     * UNAVAILABLE when the models cannot be read.
     */
    private ServingModels.Loaded servingRankingModel(String tenant, Strategy strategy) {
        if (strategy == Strategy.EASE) {
            return sources().model(tenant, "EASE");
        }
        ServingModels.Loaded implicit = sources().model(tenant, "ALS_IMPLICIT");
        return implicit != null ? implicit : sources().model(tenant, "ALS_EXPLICIT");
    }

    /** As {@link #servingRankingModel}, but null when the models cannot be read (the automatic choice falls back). */
    private ServingModels.Loaded rankingModel(String tenant, Strategy strategy) {
        try {
            return servingRankingModel(tenant, strategy);
        } catch (RuntimeException e) {
            LOG.debugf("trained models unavailable: %s", e.getMessage());
            return null;
        }
    }

    /** A trained model's ranking for the user (their factors, or folded in from their history); null if none. */
    private Ranking trained(UserContext user, Strategy strategy, Predicate<String> allowed, int k) {
        ServingModels.Loaded loaded = rankingModel(user.tenant(), strategy);
        if (loaded == null || !user.personalised()) {
            return null;
        }
        Map<String, Double> interests = Interests.weights(user.history(), config.eventWeights());
        float[] scores = ModelRanking.scores(loaded.model(), user.userId(), interests,
                Interests.ratings(user.history()));
        if (scores == null) {
            return null;
        }
        List<Scored> ranked = ModelRanking.top(loaded.model(), scores, allowed, candidates(k), interests.keySet());
        return new Ranking(strategy, ranked, loaded.version());
    }

    /** Blends what is available: item-kNN and content always; with {@code full}, user-kNN and trending too. */
    private Ranking hybrid(UserContext user, Predicate<String> allowed, int k, boolean full) {
        Map<String, List<Scored>> parts = new LinkedHashMap<>();
        Map<String, Double> weights = new HashMap<>();
        List<String> versions = new ArrayList<>();
        Ranking item = itemKnn(user);
        add(parts, weights, versions, item, config.hybrid().itemKnn());
        add(parts, weights, versions, content(user, allowed, k), config.hybrid().content());
        if (full) {
            add(parts, weights, versions, userKnn(user), config.hybrid().userKnn());
            add(parts, weights, versions, popular(user, allowed, k, true), config.hybrid().trending());
        }
        if (parts.isEmpty()) {
            return popular(user, allowed, k, false);
        }
        if (parts.size() == 1) {
            Strategy only = Strategy.valueOf(parts.keySet().iterator().next());
            return new Ranking(only, parts.values().iterator().next(), String.join(",", versions));
        }
        return new Ranking(Strategy.HYBRID, new Hybrid(weights).blend(parts), String.join(",", versions));
    }

    private static void add(Map<String, List<Scored>> parts, Map<String, Double> weights, List<String> versions,
                            Ranking r, double weight) {
        if (r != null && !r.ranked().isEmpty() && weight > 0) {
            parts.put(r.strategy().name(), r.ranked());
            weights.put(r.strategy().name(), weight);
            if (!r.version().isEmpty()) {
                versions.add(r.version());
            }
        }
    }

    private Ranking orFallback(Ranking r, UserContext user, Predicate<String> allowed, int k) {
        return r == null || r.ranked().isEmpty() ? popular(user, allowed, k, true) : r;
    }

    /** ITEM_KNN from the user's most recent items; null when the lists cannot be read. */
    private Ranking itemKnn(UserContext user) {
        try {
            String tenant = user.tenant();
            NeighborReader.Version v = sources().version(tenant, itemScope());
            if (!v.exists()) {
                return null;
            }
            List<UserEvent> recentItems = recentItems(user.history());
            List<String> ids = recentItems.stream().map(UserEvent::itemId).distinct().toList();
            ItemKnn knn = new ItemKnn(source(tenant, itemScope(), v, ids), config.eventWeights(), scale(),
                    new KnnWeighting(config.itemKnn().power(), config.itemKnn().normalise()));
            return new Ranking(Strategy.ITEM_KNN, knn.rank(recentItems), version(itemScope(), v));
        } catch (ApiError e) {
            LOG.debugf("ITEM_KNN unavailable: %s", e.getMessage());
            return null;
        }
    }

    /** USER_KNN from the user's neighbour list; null when it cannot be read or is empty. */
    private Ranking userKnn(UserContext user) {
        try {
            String tenant = user.tenant();
            NeighborReader.Version v = sources().version(tenant, userScope());
            if (!v.exists()) {
                return null;
            }
            NeighborSource lists = source(tenant, userScope(), v, List.of(user.userId()));
            TenantData data = user.data();
            UserKnn knn = new UserKnn(lists, data::history, data::interests, data::ratings, config.eventWeights(),
                    scale(), new KnnWeighting(config.userKnn().power(), config.userKnn().normalise()));
            return new Ranking(Strategy.USER_KNN, knn.rank(user.userId(), user.history()), version(userScope(), v));
        } catch (ApiError e) {
            LOG.debugf("USER_KNN unavailable: %s", e.getMessage());
            return null;
        }
    }

    private Ranking content(UserContext user, Predicate<String> allowed, int k) {
        List<Scored> ranked = user.data().catalogue().content().recommend(recentItems(user.history()),
                System.currentTimeMillis(), candidates(k), allowed);
        return new Ranking(Strategy.CONTENT, ranked, "");
    }

    private Ranking popular(UserContext user, Predicate<String> allowed, int k, boolean trending) {
        PopularitySnapshot p = user.data().popularity();
        if (trending) {
            // Trending needs recent activity: at least one user's worth of interest within about a half-life.
            List<Scored> ranked = p.topTrending(candidates(k), System.currentTimeMillis(), allowed);
            if (!ranked.isEmpty() && ranked.get(0).score() >= MIN_TRENDING) {
                return new Ranking(Strategy.TRENDING, ranked, "");
            }
        }
        return new Ranking(Strategy.POPULAR, p.top(candidates(k), allowed), "");
    }

    // ---- shared steps

    private Result finish(UserContext user, Ranking ranking, CandidateFilter filter, int k, boolean explain) {
        List<Scored> selected = filter.select(ranking.ranked(), k);
        List<CandidateFilter.Pick> picks = filter.fill(selected, fillers(user.data(), filter, k, selected.size()), k);
        Explanations explanations = explain ? new Explanations(user.data().catalogue()::item) : null;
        List<Item> items = new ArrayList<>(picks.size());
        for (CandidateFilter.Pick pick : picks) {
            items.add(item(pick.item(), explain
                    ? explanations.text(basis(ranking.strategy()), pick, user.history()) : null));
        }
        return new Result(items, ranking.strategy(), ranking.version(), user.cold());
    }

    /**
     * What tops up a list the strategy and the filter left short: the most popular allowed items, then, so that k
     * results come whenever k candidates exist, allowed items nobody has touched yet (by id).
     */
    private static List<Scored> fillers(TenantData data, CandidateFilter filter, int k, int selected) {
        List<Scored> fillers = new ArrayList<>(data.popularity().top(candidates(k) + selected, filter));
        if (fillers.size() < k + selected) {
            Set<String> have = new HashSet<>();
            fillers.forEach(s -> have.add(s.itemId()));
            data.catalogue().items().keySet().stream().sorted()
                    .filter(id -> !have.contains(id) && filter.allows(id))
                    .limit(k + selected)
                    .forEach(id -> fillers.add(Scored.of(id, 0)));
        }
        return fillers;
    }

    private UserContext user(String tenant, String userId) {
        TenantData data = sources().data(tenant);
        if (!sources().personalised(tenant, userId)) {
            return new UserContext(tenant, data, userId, List.of(), false);
        }
        List<UserEvent> history = data.history(userId);
        try {
            history = RecentHistory.merge(history, sources().recent(tenant, userId));
        } catch (RuntimeException e) {
            LOG.debugf("recent history unavailable, the log's history serves: %s", e.getMessage());
        }
        return new UserContext(tenant, data, userId, history, true);
    }

    /**
     * The scope's serving version, or null when there is none or Redis cannot say; FAILED_PRECONDITION instead when
     * the strategy was asked for by name and the lists were never built.
     */
    private NeighborReader.Version requireLists(String scope, String tenant, boolean explicit) {
        NeighborReader.Version v;
        try {
            v = sources().version(tenant, scope);
        } catch (ApiError e) {
            return null;
        }
        if (!v.exists() && explicit) {
            throw ApiError.precondition("no " + scope.replace(':', ' ') + " neighbour lists have been built for"
                    + " this tenant yet; similarity-service's BuildNeighbors builds them");
        }
        return v.exists() ? v : null;
    }

    private NeighborSource source(String tenant, String scope, NeighborReader.Version v, List<String> ids) {
        return NeighborSource.of(sources().lists(tenant, scope, v, ids));
    }

    private List<UserEvent> recentItems(List<UserEvent> history) {
        Set<String> items = new LinkedHashSet<>();
        for (int i = history.size() - 1; i >= 0 && items.size() < config.historyItems(); i--) {
            items.add(history.get(i).itemId());
        }
        List<UserEvent> recent = new ArrayList<>();
        for (UserEvent e : history) {
            if (items.contains(e.itemId())) {
                recent.add(e);
            }
        }
        return recent;
    }

    private static int distinctItems(List<UserEvent> history) {
        return (int) history.stream().map(UserEvent::itemId).distinct().count();
    }

    private RatingScale scale() {
        return new RatingScale(config.ratingScaleMin(), config.ratingScaleMax());
    }

    private String itemScope() {
        return NeighborKeys.scope(false, config.metric());
    }

    private String userScope() {
        return NeighborKeys.scope(true, config.metric());
    }

    private static String version(String scope, NeighborReader.Version v) {
        return scope + ":g" + v.generation();
    }

    private static int candidates(int k) {
        return 3 * k + 20;
    }

    private static Item item(Scored s, String explanation) {
        return new Item(s.itemId(), s.score(), s.because(), explanation);
    }

    private static Explanations.Basis basis(Strategy s) {
        return switch (s) {
            case POPULAR -> Explanations.Basis.POPULAR;
            case TRENDING -> Explanations.Basis.TRENDING;
            case USER_KNN -> Explanations.Basis.SIMILAR_USERS;
            default -> Explanations.Basis.PERSONAL;
        };
    }
}
