package dev.persona.recommend.knn;

import dev.persona.core.similarity.Neighbor;
import dev.persona.recommend.blend.Tally;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Item-based k-nearest neighbours over the item neighbour lists (Sarwar, Karypis, Konstan, Riedl, "Item-based
 * collaborative filtering recommendation algorithms", WWW 2001; baseline correction after Koren, TKDD 2010).
 *
 * <p>Ranking: score(i) = Σ_j w(u,j) · s(j,i) over the items j of the user's history, where w(u,j) is the largest
 * event weight of the user's events on j ({@link Interests#weights}) and s(j,i) is i's score in j's neighbour list,
 * weighed by a {@link KnnWeighting} (the service raises it to a power and scales each list to a unit sum).
 * The candidates are the union of the history items' neighbour lists; {@code because} names the history items j with
 * the largest positive contributions w(u,j) · s(j,i).
 *
 * <p>Rating prediction: r̂(u,i) = b(u,i) + Σ_j s(i,j) (r(u,j) − b(u,j)) / Σ_j |s(i,j)| over the first k items j of
 * i's neighbour list that the user rated, with baselines b(u,i) = μ + b_u + b_i ({@link Baselines}), clipped to the
 * rating scale.
 */
public final class ItemKnn {

    private final NeighborSource itemNeighbors;
    private final EventWeights weights;
    private final RatingScale scale;

    private final KnnWeighting weighting;

    /** With the plain sums ({@link KnnWeighting#PLAIN}). */
    public ItemKnn(NeighborSource itemNeighbors, EventWeights weights, RatingScale scale) {
        this(itemNeighbors, weights, scale, KnnWeighting.PLAIN);
    }

    public ItemKnn(NeighborSource itemNeighbors, EventWeights weights, RatingScale scale, KnnWeighting weighting) {
        this.itemNeighbors = itemNeighbors;
        this.weights = weights;
        this.scale = scale;
        this.weighting = weighting;
    }

    /** Every candidate for a user with this recent history, best first (ties by item id); empty without history. */
    public List<Scored> rank(List<UserEvent> history) {
        Tally tally = new Tally();
        double[] weighed = new double[64];
        for (Map.Entry<String, Double> interest : Interests.weights(history, weights).entrySet()) {
            String j = interest.getKey();
            List<Neighbor> neighbors = itemNeighbors.neighbors(j);
            if (weighed.length < neighbors.size()) {
                weighed = new double[Math.max(neighbors.size(), 2 * weighed.length)];
            }
            double sum = 0;
            for (int n = 0; n < neighbors.size(); n++) {
                Neighbor neighbor = neighbors.get(n);
                weighed[n] = neighbor.id().equals(j) ? 0 : weighting.weigh(neighbor.score());
                sum += Math.abs(weighed[n]);
            }
            double scaled = weighting.normalised() && sum > 0 ? interest.getValue() / sum : interest.getValue();
            for (int n = 0; n < neighbors.size(); n++) {
                Neighbor neighbor = neighbors.get(n);
                if (!neighbor.id().equals(j)) {
                    tally.addCredited(neighbor.id(), j, scaled * weighed[n]);
                }
            }
        }
        return tally.ranked();
    }

    /**
     * The baseline-corrected item-based prediction of the rating {@code userId} would give {@code itemId}.
     *
     * @param history   the user's events; the latest rating per item counts ({@link Interests#ratings})
     * @param baselines fitted on the ratings of the log
     * @param k         at most this many rated neighbours of the item count, best first; 1 or more
     * @return the prediction, clipped to the scale; empty when none of the item's neighbours was rated by the user
     *         (or all their similarities are 0), so that the caller falls back to the baseline
     */
    public OptionalDouble predict(String userId, List<UserEvent> history, String itemId, Baselines baselines, int k) {
        Map<String, Double> rated = Interests.ratings(history);
        DeviationAverage average = new DeviationAverage(k);
        for (Neighbor neighbor : itemNeighbors.neighbors(itemId)) {
            Double rating = rated.get(neighbor.id());
            if (rating == null || neighbor.id().equals(itemId)) {
                continue;
            }
            if (average.add(neighbor.score(), rating - baselines.estimate(userId, neighbor.id()))) {
                break;
            }
        }
        return average.around(baselines.estimate(userId, itemId), scale);
    }
}
