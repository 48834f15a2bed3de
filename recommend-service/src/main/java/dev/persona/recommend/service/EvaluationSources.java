package dev.persona.recommend.service;

import dev.persona.common.neighbors.NeighborReader;
import dev.persona.core.similarity.IdIndex;
import dev.persona.core.similarity.InteractionMatrixBuilder;
import dev.persona.core.similarity.Metric;
import dev.persona.core.similarity.Neighbor;
import dev.persona.core.similarity.NeighborKernel;
import dev.persona.core.similarity.NeighborLists;
import dev.persona.core.similarity.NeighborParams;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.knn.Interests;
import dev.persona.recommend.store.ServingModels;
import dev.persona.recommend.store.TenantData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An offline evaluation's train split as {@link Recommender} reads it: the split's {@link TenantData}, every user
 * personalised, no recent history, neighbour lists computed in process with the similarity kernel (on first use of
 * each scope), and models trained on the split (on first use of each type). Nothing of serving is read or written.
 */
final class EvaluationSources implements RecommendSources {

    /** Neighbours kept per entity, as BuildNeighbors keeps by default. */
    static final int NEIGHBORS = 50;
    private static final NeighborReader.Version COMPUTED = new NeighborReader.Version(1, 0);

    private final TenantData data;
    private final EventWeights weights;
    private final int threads;
    private final Function<String, ServingModels.Loaded> trainer;
    private final Map<String, Map<String, List<Neighbor>>> lists = new ConcurrentHashMap<>();
    private final Map<String, ServingModels.Loaded> models = new HashMap<>();

    /**
     * @param threads the kernel's worker threads; 0 or less means all available cores
     * @param trainer trains the model of a type on {@code data} (null when there is nothing to train it on)
     */
    EvaluationSources(TenantData data, EventWeights weights, int threads,
                      Function<String, ServingModels.Loaded> trainer) {
        this.data = data;
        this.weights = weights;
        this.threads = threads;
        this.trainer = trainer;
    }

    @Override
    public TenantData data(String tenant) {
        return data;
    }

    @Override
    public boolean personalised(String tenant, String userId) {
        return true;
    }

    @Override
    public List<UserEvent> recent(String tenant, String userId) {
        return List.of();
    }

    @Override
    public NeighborReader.Version version(String tenant, String scope) {
        return scopeLists(scope).isEmpty() ? NeighborReader.Version.NONE : COMPUTED;
    }

    @Override
    public Map<String, List<Neighbor>> lists(String tenant, String scope, NeighborReader.Version version,
                                             List<String> ids) {
        Map<String, List<Neighbor>> all = scopeLists(scope);
        Map<String, List<Neighbor>> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, all.getOrDefault(id, List.of()));
        }
        return out;
    }

    @Override
    public synchronized ServingModels.Loaded model(String tenant, String type) {
        if (!models.containsKey(type)) {
            models.put(type, trainer.apply(type));
        }
        return models.get(type);
    }

    private Map<String, List<Neighbor>> scopeLists(String scope) {
        return lists.computeIfAbsent(scope, this::compute);
    }

    /** The scope's lists over the split: each user's rating per item, else their largest event weight. */
    private Map<String, List<Neighbor>> compute(String scope) {
        boolean users = scope.startsWith("user:");
        Metric metric = metric(scope.substring(scope.indexOf(':') + 1));
        InteractionMatrixBuilder b = new InteractionMatrixBuilder();
        data.forEachHistory((user, history) -> {
            Map<String, Double> values = new HashMap<>(Interests.weights(history, weights));
            values.putAll(Interests.ratings(history));
            values.forEach((item, value) -> b.add(user, item, value));
        });
        if (b.interactions() == 0) {
            return Map.of();
        }
        NeighborParams params = NeighborParams.of(metric, NEIGHBORS);
        NeighborKernel kernel = new NeighborKernel(threads > 0 ? threads
                : Runtime.getRuntime().availableProcessors());
        NeighborLists computed = users ? kernel.userNeighbors(b.build(), params)
                : kernel.itemNeighbors(b.build(), params);
        IdIndex ids = users ? b.users() : b.items();
        Map<String, List<Neighbor>> out = new HashMap<>();
        for (int row = 0; row < computed.rows(); row++) {
            List<Neighbor> list = new ArrayList<>(computed.size(row));
            for (int p = computed.start(row); p < computed.end(row); p++) {
                list.add(new Neighbor(ids.id(computed.neighbor(p)), computed.score(p), computed.support(p)));
            }
            if (!list.isEmpty()) {
                out.put(ids.id(row), List.copyOf(list));
            }
        }
        return out;
    }

    private static Metric metric(String name) {
        try {
            return Metric.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Metric.COSINE;
        }
    }
}
