package dev.persona.segment.rfm;

/**
 * Quintile RFM scores (1..5, 5 best) and named segments for a population of customers, from recency in days since
 * the last purchase (lower is better), purchase frequency and monetary value (higher is better).
 *
 * <p>Quintile rule, by rank with ties kept together. For n customers and a "higher is better" value v, let
 * {@code below(i) = #{j : v_j < v_i}}, the 0-based rank of the first customer in i's tie group when sorted
 * ascending. Then
 *
 * <pre>
 *   score(i) = 1 + floor(5 · below(i) / n)          (1..5, since below(i) ≤ n − 1)
 * </pre>
 *
 * For recency, where fewer days is better, the count is of strictly worse customers instead:
 * {@code R(i) = 1 + floor(5 · #{j : recency_j > recency_i} / n)}, so the most recent customers score 5. Equal values
 * always get equal scores; a large tie group therefore keeps the score of its first rank, and some scores may be
 * unused (for instance when every customer has the same frequency, all get F = 1). The result depends only on the
 * multiset of values, not on the input order beyond the indexing of the output.
 *
 * <p>The named segment uses R and F only, by the grid in {@link RfmSegment}; M is reported alongside. Cost: one sort
 * per dimension, O(n log n).
 */
public final class RfmScores {

    private final int[] recency;
    private final int[] frequency;
    private final int[] monetary;

    private RfmScores(int[] recency, int[] frequency, int[] monetary) {
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
    }

    /**
     * Scores every customer; index i of each array is the same customer.
     *
     * @param recencyDays days since the last purchase, finite (lower is better)
     * @param frequency number of purchases or orders, finite (higher is better)
     * @param monetary money spent, finite (higher is better)
     * @throws IllegalArgumentException if an array is null or empty, the lengths differ, or a value is not finite
     */
    public static RfmScores compute(double[] recencyDays, double[] frequency, double[] monetary) {
        check("recencyDays", recencyDays);
        check("frequency", frequency);
        check("monetary", monetary);
        if (frequency.length != recencyDays.length || monetary.length != recencyDays.length) {
            throw new IllegalArgumentException("recencyDays, frequency and monetary must have the same length, got "
                    + recencyDays.length + ", " + frequency.length + " and " + monetary.length);
        }
        return new RfmScores(quintiles(recencyDays, true), quintiles(frequency, false), quintiles(monetary, false));
    }

    /**
     * Quintile scores 1..5 of one dimension by the rule in the class comment.
     *
     * @param values finite values, at least one
     * @param lowerIsBetter true for recency-like values, where the smallest values score 5
     * @throws IllegalArgumentException if values is null or empty or holds a non-finite value
     */
    public static int[] quintiles(double[] values, boolean lowerIsBetter) {
        check("values", values);
        int n = values.length;
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            // Negating turns "lower is better" into "higher is better"; -0.0 and 0.0 compare equal below.
            sorted[i] = lowerIsBetter ? -values[i] : values[i];
        }
        double[] keys = sorted.clone();
        java.util.Arrays.sort(sorted);
        int[] scores = new int[n];
        for (int i = 0; i < n; i++) {
            int below = firstNotLess(sorted, keys[i]);
            scores[i] = 1 + (int) ((5L * below) / n);
        }
        return scores;
    }

    /**
     * The four cut points of one dimension, for scoring a value that was not in the population: a value scores
     * {@link #score(double[], double, boolean)}, which agrees with {@link #quintiles} for every value of the
     * population. Cut s (s = 2..5) is the ⌈(s−1)·n/5⌉-th smallest key, where keys are the values, negated when lower
     * is better.
     *
     * @param values finite values, at least one
     */
    public static double[] cuts(double[] values, boolean lowerIsBetter) {
        check("values", values);
        int n = values.length;
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = lowerIsBetter ? -values[i] : values[i];
        }
        java.util.Arrays.sort(sorted);
        double[] cuts = new double[4];
        for (int s = 2; s <= 5; s++) {
            int m = (int) (((s - 1) * (long) n + 4) / 5);
            cuts[s - 2] = sorted[m - 1];
        }
        return cuts;
    }

    /** The score 1..5 of a value against the cut points of {@link #cuts}. */
    public static int score(double[] cuts, double value, boolean lowerIsBetter) {
        double key = lowerIsBetter ? -value : value;
        int score = 1;
        for (double cut : cuts) {
            if (key > cut) {
                score++;
            }
        }
        return score;
    }

    /** The number of entries of the ascending array that are strictly less than key. */
    private static int firstNotLess(double[] sorted, double key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void check(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one customer");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + values[i]);
            }
        }
    }

    /** The number of customers. */
    public int size() {
        return recency.length;
    }

    /** R of customer i, 1..5, 5 = most recent. */
    public int recencyScore(int i) {
        return recency[i];
    }

    /** F of customer i, 1..5, 5 = most frequent. */
    public int frequencyScore(int i) {
        return frequency[i];
    }

    /** M of customer i, 1..5, 5 = highest spend. */
    public int monetaryScore(int i) {
        return monetary[i];
    }

    /** The conventional three-digit RFM cell, e.g. 545 for R = 5, F = 4, M = 5. */
    public int cell(int i) {
        return 100 * recency[i] + 10 * frequency[i] + monetary[i];
    }

    /** The named segment of customer i, from (R, F) by the grid in {@link RfmSegment}. */
    public RfmSegment segment(int i) {
        return RfmSegment.of(recency[i], frequency[i]);
    }

    /** Copies of the score arrays. */
    public int[] recencyScores() {
        return recency.clone();
    }

    public int[] frequencyScores() {
        return frequency.clone();
    }

    public int[] monetaryScores() {
        return monetary.clone();
    }
}
