package dev.persona.segment.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Mean silhouette coefficient of a clustering, with Euclidean distances.
 *
 * <p>For point i in cluster A: a(i) = mean distance to the other points of A; b(i) = min over clusters B ≠ A of the
 * mean distance to the points of B; s(i) = (b(i) − a(i)) / max(a(i), b(i)), with s(i) = 0 when A has one point
 * (or when a(i) = b(i) = 0). The result is the mean of s(i) over the points, in [−1, 1]; it is 0 when fewer than two
 * clusters have points.
 *
 * <p><b>Exact and sampled.</b> Up to {@code maxExact} points (default 10,000) every pair is measured: O(n²·d) on
 * {@code threads} threads. Above it, a uniform sample of {@code maxExact} distinct points is drawn with a
 * {@link SplittableRandom} seeded with {@code seed} (partial Fisher–Yates shuffle), and the silhouette of the
 * sample alone (a(i), b(i) over sampled points only, as scikit-learn's {@code sample_size}) is returned; it
 * estimates the full value and is the same for the same seed. Per-point values are summed in point order, so the
 * result is identical for any thread count. Interrupting the calling thread throws {@link CancellationException}.
 */
public final class Silhouette {

    /** Default largest n computed exactly. */
    public static final int DEFAULT_MAX_EXACT = 10_000;

    private final int threads;
    private final int maxExact;
    private final long seed;

    /** Exact up to {@value #DEFAULT_MAX_EXACT} points, sampled with seed 0 above. */
    public Silhouette(int threads) {
        this(threads, DEFAULT_MAX_EXACT, 0L);
    }

    /** Exact up to {@code maxExact} points (at least 2), a seeded sample of that size above. */
    public Silhouette(int threads, int maxExact, long seed) {
        Blocks.checkThreads(threads);
        if (maxExact < 2) {
            throw new IllegalArgumentException("maxExact must be at least 2, got " + maxExact);
        }
        this.threads = threads;
        this.maxExact = maxExact;
        this.seed = seed;
    }

    /**
     * Mean silhouette of {@code labels} (one per point, each in [0, k)).
     *
     * @throws IllegalArgumentException if the labels do not match the points or lie outside [0, k)
     */
    public double mean(Points points, int[] labels, int k) {
        if (points == null || labels == null) {
            throw new IllegalArgumentException("points and labels must not be null");
        }
        if (labels.length != points.n) {
            throw new IllegalArgumentException(
                    "labels must have one entry per point (" + points.n + "), got " + labels.length);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label of point " + i + " must be in [0, " + k + "), got "
                        + labels[i]);
            }
        }
        int[] rows;
        if (points.n <= maxExact) {
            rows = new int[points.n];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
        } else {
            rows = sample(points.n, maxExact, seed);
        }
        return compute(points, labels, k, rows);
    }

    /** {@code m} distinct indices of [0, n), uniformly drawn with {@code seed}, in increasing order. */
    static int[] sample(int n, int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] rows = Arrays.copyOf(perm, m);
        Arrays.sort(rows);
        return rows;
    }

    /** Σ over rows q in [lo, hi) of the Euclidean distance from row p to row q of the row-major array y. */
    private static double sumOfDistances(double[] y, int p, int lo, int hi, int d) {
        double sum = 0;
        int pi = p * d;
        if (d == 3) {
            double a0 = y[pi];
            double a1 = y[pi + 1];
            double a2 = y[pi + 2];
            for (int q = lo * 3, end = hi * 3; q < end; q += 3) {
                double e0 = a0 - y[q];
                double e1 = a1 - y[q + 1];
                double e2 = a2 - y[q + 2];
                sum += Math.sqrt(e0 * e0 + e1 * e1 + e2 * e2);
            }
            return sum;
        }
        for (int q = lo; q < hi; q++) {
            sum += Math.sqrt(Points.dist2(y, pi, y, q * d, d));
        }
        return sum;
    }

    private double compute(Points points, int[] labels, int k, int[] rows) {
        int m = rows.length;
        int d = points.d;
        double[] x = points.data;
        long[] sizes = new long[k];
        for (int r : rows) {
            sizes[labels[r]]++;
        }
        int nonEmpty = 0;
        for (long s : sizes) {
            if (s > 0) {
                nonEmpty++;
            }
        }
        if (nonEmpty < 2) {
            return 0;
        }
        // Gather the rows cluster by cluster into one contiguous array, so that the sum of distances from a point to
        // a cluster is a tight loop over a contiguous range (a point's distance to itself adds 0).
        int[] from = new int[k + 1];
        for (int c = 0; c < k; c++) {
            from[c + 1] = from[c] + (int) sizes[c];
        }
        int[] fill = from.clone();
        double[] y = new double[m * d];
        int[] labelOf = new int[m];
        for (int r : rows) {
            int at = fill[labels[r]]++;
            System.arraycopy(x, r * d, y, at * d, d);
            labelOf[at] = labels[r];
        }
        double[] s = new double[m];
        int nb = Math.max(1, Math.min(m, 256));
        try (Blocks blocks = new Blocks(threads)) {
            blocks.forEach(nb, b -> {
                double[] sums = new double[k];
                for (int p = Blocks.start(m, nb, b), end = Blocks.start(m, nb, b + 1); p < end; p++) {
                    for (int c = 0; c < k; c++) {
                        sums[c] = sumOfDistances(y, p, from[c], from[c + 1], d);
                    }
                    int own = labelOf[p];
                    if (sizes[own] < 2) {
                        s[p] = 0;
                        continue;
                    }
                    double ai = sums[own] / (sizes[own] - 1);
                    double bi = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        if (c != own && sizes[c] > 0) {
                            bi = Math.min(bi, sums[c] / sizes[c]);
                        }
                    }
                    double max = Math.max(ai, bi);
                    s[p] = max == 0 ? 0 : (bi - ai) / max;
                }
            });
        }
        double total = 0;
        for (double v : s) {
            total += v;
        }
        return total / m;
    }
}
