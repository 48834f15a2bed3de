package dev.persona.core.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Top-k ranking metrics of the lists recommended to users, each list against the user's relevant held-out items,
 * with binary relevance. Per user, over the first k entries of the list:
 * <ul>
 *   <li>P@k = hits / k (k even when the list is shorter);</li>
 *   <li>R@k = hits / |relevant|;</li>
 *   <li>NDCG@k = DCG / IDCG with gain 1 and discount 1 / log2(rank + 1) for ranks from 1, the ideal putting
 *       min(|relevant|, k) hits first;</li>
 *   <li>HR@k = 1 when there is a hit, else 0;</li>
 *   <li>AP@k = Σ P@i over the ranks i of the hits / min(|relevant|, k);</li>
 * </ul>
 * each averaged over the users added. Coverage is the share of a catalogue that appears in anyone's first k.
 *
 * <p>The two rules every caller shares: <b>an entry repeated in a list counts once</b>, at its first rank (a later
 * repeat is neither a hit nor a miss that moves the others); <b>a user without relevant items is not evaluated</b>:
 * {@link #score} and {@link #add} refuse one (IllegalArgumentException), so callers leave such users out, as the
 * usual protocols do.
 *
 * <p>Ids may be of any type with equals and hashCode (strings from the services, boxed indices in benchmarks). An
 * accumulator is not thread-safe.
 */
public final class RankingMetrics {

    /** One user's figures. */
    public record UserScores(int hits, double precision, double recall, double ndcg, double averagePrecision) {

        /** HR@k of this user: 1 with a hit. */
        public double hitRate() {
            return hits > 0 ? 1 : 0;
        }
    }

    /** The averages over the users added; all 0 when none. */
    public record Summary(long users, double precision, double recall, double ndcg, double hitRate, double map) {
    }

    private final int k;
    private final Set<Object> recommended = new HashSet<>();
    private long users;
    private double precisionSum;
    private double recallSum;
    private double ndcgSum;
    private double hitSum;
    private double apSum;

    /** An accumulator for lists cut at {@code k} (1 or more). */
    public RankingMetrics(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be 1 or more, got " + k);
        }
        this.k = k;
    }

    /** The figures of one list cut at {@code k}; {@code relevant} must not be empty. */
    public static UserScores score(List<?> ranked, Set<?> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("a user without relevant items is not evaluated");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be 1 or more, got " + k);
        }
        int n = Math.min(k, ranked.size());
        Set<Object> counted = n > 1 ? new HashSet<>() : null;
        int hits = 0;
        double dcg = 0;
        double precisionSum = 0;
        for (int i = 0; i < n; i++) {
            Object item = ranked.get(i);
            if ((counted == null || counted.add(item)) && relevant.contains(item)) {
                hits++;
                dcg += discount(i + 1);
                precisionSum += (double) hits / (i + 1);
            }
        }
        int ideal = Math.min(relevant.size(), k);
        double idcg = 0;
        for (int rank = 1; rank <= ideal; rank++) {
            idcg += discount(rank);
        }
        return new UserScores(hits, (double) hits / k, (double) hits / relevant.size(), dcg / idcg,
                precisionSum / ideal);
    }

    /** 1 / log2(rank + 1), for ranks from 1. */
    public static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1.0);
    }

    /** Adds one user's list (only its first k entries are read); {@code relevant} must not be empty. */
    public UserScores add(List<?> ranked, Set<?> relevant) {
        UserScores scores = score(ranked, relevant, k);
        users++;
        precisionSum += scores.precision();
        recallSum += scores.recall();
        ndcgSum += scores.ndcg();
        hitSum += scores.hitRate();
        apSum += scores.averagePrecision();
        recommended.addAll(ranked.subList(0, Math.min(k, ranked.size())));
        return scores;
    }

    public int k() {
        return k;
    }

    public long users() {
        return users;
    }

    /** The averages over the users added so far (all 0 when none). */
    public Summary summary() {
        double n = Math.max(users, 1);
        return new Summary(users, precisionSum / n, recallSum / n, ndcgSum / n, hitSum / n, apSum / n);
    }

    /** Distinct entries recommended to anyone (in a first k) / {@code catalogueSize}; 0 for an empty catalogue. */
    public double coverage(int catalogueSize) {
        return catalogueSize <= 0 ? 0 : (double) recommended.size() / catalogueSize;
    }

    /** The share of {@code catalogue} recommended to anyone (in a first k); 0 for an empty catalogue. */
    public double coverage(Set<?> catalogue) {
        if (catalogue.isEmpty()) {
            return 0;
        }
        long covered = 0;
        for (Object item : recommended) {
            if (catalogue.contains(item)) {
                covered++;
            }
        }
        return (double) covered / catalogue.size();
    }
}
