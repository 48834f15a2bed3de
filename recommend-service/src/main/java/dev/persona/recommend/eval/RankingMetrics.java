package dev.persona.recommend.eval;

import java.util.List;
import java.util.Set;

/** Ranking metrics of one user's list against their relevant held-out items, binary relevance. */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /** Hits in the first k / k. */
    public static double precision(List<String> ranked, Set<String> relevant, int k) {
        return (double) hits(ranked, relevant, k) / k;
    }

    /** Hits in the first k / relevant items; 0 when nothing is relevant. */
    public static double recall(List<String> ranked, Set<String> relevant, int k) {
        return relevant.isEmpty() ? 0 : (double) hits(ranked, relevant, k) / relevant.size();
    }

    /** 1 when one of the first k is relevant, else 0. */
    public static double hit(List<String> ranked, Set<String> relevant, int k) {
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    /** DCG with gain 1 and discount 1/log2(rank + 1) over the first k, over the ideal DCG of min(relevant, k). */
    public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0;
        int n = Math.min(k, ranked.size());
        for (int i = 0; i < n; i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += discount(i + 1);
            }
        }
        double ideal = 0;
        for (int i = 1; i <= Math.min(relevant.size(), k); i++) {
            ideal += discount(i);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /** Average precision at k: Σ precision@i over the ranks i of the hits, over min(relevant, k). */
    public static double averagePrecision(List<String> ranked, Set<String> relevant, int k) {
        int n = Math.min(k, ranked.size());
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (relevant.contains(ranked.get(i))) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        int norm = Math.min(relevant.size(), k);
        return norm == 0 ? 0 : sum / norm;
    }

    static int hits(List<String> ranked, Set<String> relevant, int k) {
        int hits = 0;
        int n = Math.min(k, ranked.size());
        for (int i = 0; i < n; i++) {
            hits += relevant.contains(ranked.get(i)) ? 1 : 0;
        }
        return hits;
    }

    private static double discount(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }
}
