package dev.persona.recommend.blend;

import dev.persona.recommend.ranking.Scored;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A weighted blend of several strategies' rankings.
 *
 * <p>Each list is min-max normalised on its own: norm_s(i) = (x_s(i) − min_s) / (max_s − min_s), and 1 for every item
 * when max_s = min_s (a single item, or all scores equal). The blend scores score(i) = Σ_s w_s · norm_s(i) over the
 * lists that hold i; the candidates are the union of the lists. Note that min-max puts the last item of each list at
 * 0: it stays a candidate but that list adds nothing to it.
 *
 * <p>{@code because} merges the lists' reasons by credit: the reason at position p (0 first) of list s for item i
 * earns w_s · norm_s(i) / (p + 1), summed over the lists that name it (reciprocal rank within a list, scaled by what
 * the list contributed). The most credited come first, ties by id, at most three; a list that contributed nothing to
 * i contributes no reason. The result is independent of the order of the lists.
 */
public final class Hybrid {

    private final Map<String, Double> weights;
    private final double defaultWeight;

    /** Weights per strategy name; a strategy not named weighs 1. */
    public Hybrid(Map<String, Double> weights) {
        this(weights, 1);
    }

    /**
     * @param weights       w_s per strategy name, finite and 0 or more
     * @param defaultWeight the weight of a strategy not in {@code weights}
     */
    public Hybrid(Map<String, Double> weights, double defaultWeight) {
        weights.forEach(Hybrid::checkWeight);
        checkWeight("default", defaultWeight);
        this.weights = Map.copyOf(weights);
        this.defaultWeight = defaultWeight;
    }

    /** w_s for {@code strategy}. */
    public double weight(String strategy) {
        return weights.getOrDefault(strategy, defaultWeight);
    }

    /**
     * Blends the lists.
     *
     * @param rankings strategy name → that strategy's list (any order, each item at most once)
     * @return the union of the lists, best first, ties by item id
     * @throws IllegalArgumentException when a list holds an item twice
     */
    public List<Scored> blend(Map<String, List<Scored>> rankings) {
        Tally tally = new Tally();
        // by name, so that sums run in the same order whatever map the caller passes
        for (Map.Entry<String, List<Scored>> ranking : new TreeMap<>(rankings).entrySet()) {
            add(tally, ranking.getKey(), ranking.getValue());
        }
        return tally.ranked();
    }

    private void add(Tally tally, String strategy, List<Scored> ranking) {
        if (ranking.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Set<String> ids = new HashSet<>();
        for (Scored scored : ranking) {
            if (!ids.add(scored.itemId())) {
                throw new IllegalArgumentException(strategy + " lists item " + scored.itemId() + " twice");
            }
            min = Math.min(min, scored.score());
            max = Math.max(max, scored.score());
        }
        double weight = weight(strategy);
        double range = max - min;
        for (Scored scored : ranking) {
            double normalised = range > 0 ? (scored.score() - min) / range : 1;
            double contribution = weight * normalised;
            tally.add(scored.itemId(), contribution);
            List<String> because = scored.because();
            for (int p = 0; p < because.size(); p++) {
                tally.credit(scored.itemId(), because.get(p), contribution / (p + 1));
            }
        }
    }

    private static void checkWeight(String strategy, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(
                    "weight of " + strategy + " must be finite and 0 or more, got " + weight);
        }
    }
}
