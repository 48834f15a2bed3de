package dev.persona.recommend.knn;

import dev.persona.core.similarity.Neighbor;
import dev.persona.recommend.blend.Tally;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.BestFew;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * User-based k-nearest neighbours over the user neighbour lists (Resnick, Iacovou, Suchak, Bergstrom, Riedl,
 * "GroupLens", CSCW 1994; Herlocker et al., SIGIR 1999).
 *
 * <p>Ranking: score(i) = Σ_v s(u,v) · w(v,i) over the neighbours v in u's list, where w(v,i) is the largest event
 * weight of v's events on i ({@link Interests#weights}) and s(u,v) is weighed by a {@link KnnWeighting} (the service
 * raises it to a power). The candidates are the items of the neighbours' histories.
 * {@code because} names the user's own items, not the neighbours (who are other customers): a neighbour v contributing
 * c = s(u,v) · w(v,i) &gt; 0 to i credits c to every item of u's history that v also interacted with (other than i), so
 * the reasons are the user's items most shared with the neighbours who brought i. It is empty when the contributing
 * neighbours share none of the user's recent items.
 *
 * <p>Rating prediction (Resnick): r̂(u,i) = r̄(u) + Σ_v s(u,v) (r(v,i) − r̄(v)) / Σ_v |s(u,v)| over the first k
 * neighbours in u's list who rated i, with r̄ the mean of a user's ratings, clipped to the rating scale.
 */
public final class UserKnn {

    /** Candidates that get reasons (see {@link #rank}). */
    static final int REASONED = 200;

    private final NeighborSource userNeighbors;
    private final HistorySource histories;
    private final InterestSource interests;
    private final Function<String, Map<String, Double>> ratings;
    private final EventWeights weights;
    private final RatingScale scale;
    private final KnnWeighting weighting;

    public UserKnn(NeighborSource userNeighbors, HistorySource histories, EventWeights weights, RatingScale scale) {
        this(userNeighbors, histories, InterestSource.of(histories, weights), weights, scale);
    }

    /** As above, with the neighbours' interests from {@code interests} (which must agree with the histories). */
    public UserKnn(NeighborSource userNeighbors, HistorySource histories, InterestSource interests,
                   EventWeights weights, RatingScale scale) {
        this(userNeighbors, histories, interests, id -> Interests.ratings(histories.history(id)), weights, scale);
    }

    /**
     * As above, with the neighbours' ratings from {@code ratings} (which must agree with the histories): a caller
     * that predicts many ratings keeps each user's ratings rather than rebuilding them per prediction.
     */
    public UserKnn(NeighborSource userNeighbors, HistorySource histories, InterestSource interests,
                   Function<String, Map<String, Double>> ratings, EventWeights weights, RatingScale scale) {
        this(userNeighbors, histories, interests, ratings, weights, scale, KnnWeighting.PLAIN);
    }

    /** As above, the neighbours' similarities weighed for ranking by {@code weighting}. */
    public UserKnn(NeighborSource userNeighbors, HistorySource histories, InterestSource interests,
                   Function<String, Map<String, Double>> ratings, EventWeights weights, RatingScale scale,
                   KnnWeighting weighting) {
        this.weighting = weighting;
        this.interests = interests;
        this.ratings = ratings;
        this.userNeighbors = userNeighbors;
        this.histories = histories;
        this.weights = weights;
        this.scale = scale;
    }

    /**
     * Every candidate for {@code userId}, best first (ties by item id); empty when the user has no neighbours. Only
     * the best {@value #REASONED} candidates carry reasons: crediting every candidate of heavy neighbours would cost
     * more than the ranking itself, and nobody shows reasons that far down.
     */
    public List<Scored> rank(String userId, List<UserEvent> history) {
        Map<String, Double> own = new HashMap<>(Interests.weights(history, weights));
        List<Neighbor> neighbors = new ArrayList<>();
        List<Map<String, Double>> theirs = new ArrayList<>();
        int largest = 0;
        for (Neighbor neighbor : userNeighbors.neighbors(userId)) {
            if (neighbor.id().equals(userId)) {
                continue;
            }
            Map<String, Double> items = interests.interests(neighbor.id());
            neighbors.add(neighbor);
            theirs.add(items);
            largest = Math.max(largest, items.size());
        }
        // sized for about twice the largest neighbour's items, so that the map rarely grows while summing
        Sums scores = new Sums(4 * largest);
        for (int v = 0; v < neighbors.size(); v++) {
            double similarity = weighting.weigh(neighbors.get(v).score());
            for (Map.Entry<String, Double> item : theirs.get(v).entrySet()) {
                scores.add(item.getKey(), similarity * item.getValue());
            }
        }
        List<Scored> all = scores.scored();
        all.sort(Tally.BEST_FIRST);
        int reasoned = Math.min(REASONED, all.size());
        Tally tally = new Tally();
        for (int c = 0; c < reasoned; c++) {
            tally.add(all.get(c).itemId(), all.get(c).score());
        }
        for (int v = 0; v < neighbors.size(); v++) {
            Map<String, Double> items = theirs.get(v);
            // The neighbour's reasons: the user's strongest items it shares (a few, so that crediting stays linear).
            List<String> shared = strongestShared(own, items);
            for (int c = 0; c < reasoned; c++) {
                String item = all.get(c).itemId();
                Double weight = items.get(item);
                if (weight == null) {
                    continue;
                }
                for (String reason : shared) {
                    if (!reason.equals(item)) {
                        tally.credit(item, reason, weighting.weigh(neighbors.get(v).score()) * weight);
                    }
                }
            }
        }
        List<Scored> ranked = new ArrayList<>(tally.ranked());
        ranked.addAll(all.subList(reasoned, all.size()));
        return ranked;
    }

    /**
     * The user's items the neighbour also has, the user's strongest first (ties by id), at most
     * {@code MAX_REASONS + 1} (one may be the candidate itself): a single pass over the smaller of the two maps.
     */
    private static List<String> strongestShared(Map<String, Double> own, Map<String, Double> theirs) {
        BestFew best = new BestFew(Tally.MAX_REASONS + 1, false);
        boolean ownSmaller = own.size() <= theirs.size();
        for (Map.Entry<String, Double> e : (ownSmaller ? own : theirs).entrySet()) {
            String item = e.getKey();
            if ((ownSmaller ? theirs : own).containsKey(item)) {
                best.offer(item, ownSmaller ? e.getValue() : own.get(item));
            }
        }
        return best.ids();
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
            Map<String, Double> theirs = ratings.apply(neighbor.id());
            Double rating = theirs.get(itemId);
            if (rating != null && average.add(neighbor.score(), rating - Interests.mean(theirs))) {
                break;
            }
        }
        return average.around(Interests.mean(own), scale);
    }

    /**
     * Score sums per item id in one open-addressing table (no entry object per item, no boxing): the neighbours'
     * interests share one String per item id (the tenant's histories do), so most probes end on an identity match.
     * Each item's sum runs in the order of the calls, as a map's would.
     */
    private static final class Sums {
        private String[] keys;
        private double[] sums;
        private int size;

        Sums(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, 2 * expected) - 1) << 1;
            keys = new String[capacity];
            sums = new double[capacity];
        }

        void add(String key, double value) {
            int mask = keys.length - 1;
            int slot = spread(key.hashCode()) & mask;
            while (true) {
                String at = keys[slot];
                if (at == null) {
                    keys[slot] = key;
                    sums[slot] = value;
                    if (++size * 2 > keys.length) {
                        grow();
                    }
                    return;
                }
                if (at == key || at.equals(key)) {
                    sums[slot] += value;
                    return;
                }
                slot = (slot + 1) & mask;
            }
        }

        List<Scored> scored() {
            List<Scored> out = new ArrayList<>(size);
            for (int slot = 0; slot < keys.length; slot++) {
                if (keys[slot] != null) {
                    // + 0.0 turns −0.0 into 0.0 so that it ties with 0.0 and the id decides
                    out.add(Scored.of(keys[slot], sums[slot] + 0.0));
                }
            }
            return out;
        }

        private void grow() {
            String[] oldKeys = keys;
            double[] oldSums = sums;
            keys = new String[2 * oldKeys.length];
            sums = new double[2 * oldKeys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int slot = spread(oldKeys[i].hashCode()) & mask;
                    while (keys[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    sums[slot] = oldSums[i];
                }
            }
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }
    }
}
