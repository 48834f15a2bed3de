package dev.persona.recommend.knn;

import dev.persona.recommend.blend.Tally;
import dev.persona.recommend.core.EventWeights;
import dev.persona.recommend.core.Scored;
import dev.persona.recommend.core.UserEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * User-based k-nearest neighbours over the user neighbour lists (Resnick, Iacovou, Suchak, Bergstrom, Riedl,
 * "GroupLens", CSCW 1994; Herlocker et al., SIGIR 1999).
 *
 * <p>Ranking: score(i) = Σ_v s(u,v) · w(v,i) over the neighbours v in u's list, where w(v,i) is the largest event
 * weight of v's events on i ({@link Interests#weights}). The candidates are the items of the neighbours' histories.
 * {@code because} names the user's own items, not the neighbours (who are other customers): a neighbour v contributing
 * c = s(u,v) · w(v,i) &gt; 0 to i credits c to every item of u's history that v also interacted with (other than i), so
 * the reasons are the user's items most shared with the neighbours who brought i. It is empty when the contributing
 * neighbours share none of the user's recent items.
 *
 * <p>Rating prediction (Resnick): r̂(u,i) = r̄(u) + Σ_v s(u,v) (r(v,i) − r̄(v)) / Σ_v |s(u,v)| over the first k
 * neighbours in u's list who rated i, with r̄ the mean of a user's ratings, clipped to the rating scale.
 */
public final class UserKnn {

    private final NeighborSource userNeighbors;
    private final HistorySource histories;
    private final EventWeights weights;
    private final RatingScale scale;

    public UserKnn(NeighborSource userNeighbors, HistorySource histories, EventWeights weights, RatingScale scale) {
        this.userNeighbors = userNeighbors;
        this.histories = histories;
        this.weights = weights;
        this.scale = scale;
    }

    /** Every candidate for {@code userId}, best first (ties by item id); empty when the user has no neighbours. */
    public List<Scored> rank(String userId, List<UserEvent> history) {
        Map<String, Double> own = Interests.weights(history, weights);
        Tally tally = new Tally();
        for (Neighbor neighbor : userNeighbors.neighbors(userId)) {
            if (neighbor.id().equals(userId)) {
                continue;
            }
            Map<String, Double> theirs = Interests.weights(histories.history(neighbor.id()), weights);
            // The neighbour's reasons: the user's strongest items they share (a few, so that crediting stays linear).
            List<String> shared = theirs.keySet().stream().filter(own::containsKey)
                    .sorted(Comparator.comparing((String item) -> -own.get(item)).thenComparing(item -> item))
                    .limit(Tally.MAX_REASONS + 1L).toList();
            theirs.forEach((item, weight) -> {
                double contribution = neighbor.score() * weight;
                tally.add(item, contribution);
                for (String reason : shared) {
                    if (!reason.equals(item)) {
                        tally.credit(item, reason, contribution);
                    }
                }
            });
        }
        return tally.ranked();
    }

    /**
     * Resnick's prediction of the rating {@code userId} would give {@code itemId}.
     *
     * @param history the user's events; the latest rating per item counts ({@link Interests#ratings})
     * @param k       at most this many neighbours who rated the item count, best first; 1 or more
     * @return the prediction, clipped to the scale; empty when the user has no rating (r̄(u) undefined) or no
     *         neighbour rated the item (or all their similarities are 0), so that the caller falls back to the
     *         baseline
     */
    public OptionalDouble predict(String userId, List<UserEvent> history, String itemId, int k) {
        DeviationAverage average = new DeviationAverage(k);
        Map<String, Double> own = Interests.ratings(history);
        if (own.isEmpty()) {
            return OptionalDouble.empty();
        }
        for (Neighbor neighbor : userNeighbors.neighbors(userId)) {
            if (neighbor.id().equals(userId)) {
                continue;
            }
            Map<String, Double> theirs = Interests.ratings(histories.history(neighbor.id()));
            Double rating = theirs.get(itemId);
            if (rating != null && average.add(neighbor.score(), rating - Interests.mean(theirs))) {
                break;
            }
        }
        return average.around(Interests.mean(own), scale);
    }
}
