package dev.persona.cli.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Top-k ranking metrics of the lists recommended to users, each list against the user's relevant held-out items.
 * Per user, over the first k items of the list (an item counted once): P@k = hits / k (k even when the list is
 * shorter), R@k = hits / |relevant|, NDCG@k = DCG / IDCG with binary gain and discount 1 / log2(rank + 1) for ranks
 * from 1, the ideal putting min(|relevant|, k) hits first, and HR@k = 1 when there is a hit; each averaged over the
 * users. Coverage = distinct items recommended to anyone / items in the catalogue.
 */
public final class RankingMetrics {

    /** One user's figures. */
    public record UserScores(int hits, double precision, double recall, double ndcg) {

        public boolean hit() {
            return hits > 0;
        }
    }

    private final int k;
    private final int catalogItems;
    private final Set<String> recommended = new HashSet<>();
    private long users;
    private double precisionSum;
    private double recallSum;
    private double ndcgSum;
    private long hitUsers;

    public RankingMetrics(int k, int catalogItems) {
        if (k < 1 || catalogItems < 1) {
            throw new IllegalArgumentException("k and the catalogue size must be 1 or more");
        }
        this.k = k;
        this.catalogItems = catalogItems;
    }

    /** The figures of one list; {@code relevant} must not be empty. */
    public static UserScores score(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("a user without relevant items is not evaluated");
        }
        Set<String> counted = new HashSet<>();
        int hits = 0;
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            String item = ranked.get(i);
            if (counted.add(item) && relevant.contains(item)) {
                hits++;
                dcg += discount(i + 1);
            }
        }
        double idcg = 0;
        for (int rank = 1; rank <= Math.min(relevant.size(), k); rank++) {
            idcg += discount(rank);
        }
        return new UserScores(hits, (double) hits / k, (double) hits / relevant.size(), dcg / idcg);
    }

    /** 1 / log2(rank + 1), for ranks from 1. */
    static double discount(int rank) {
        return Math.log(2) / Math.log(rank + 1.0);
    }

    /** Adds one user's list. */
    public void add(List<String> ranked, Set<String> relevant) {
        UserScores scores = score(ranked, relevant, k);
        users++;
        precisionSum += scores.precision();
        recallSum += scores.recall();
        ndcgSum += scores.ndcg();
        hitUsers += scores.hit() ? 1 : 0;
        recommended.addAll(ranked.subList(0, Math.min(k, ranked.size())));
    }

    public long users() {
        return users;
    }

    /** The averages over the users added so far (all 0 when none). */
    public RankingScores scores() {
        double n = Math.max(users, 1);
        return new RankingScores(precisionSum / n, recallSum / n, ndcgSum / n, hitUsers / n,
                (double) recommended.size() / catalogItems);
    }
}
