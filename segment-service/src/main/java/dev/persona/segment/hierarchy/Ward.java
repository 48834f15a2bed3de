package dev.persona.segment.hierarchy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exact agglomerative clustering with Ward linkage, by the nearest-neighbour chain algorithm.
 *
 * <p>Dissimilarities start as squared Euclidean distances d(i, j) = ‖x_i − x_j‖² and are updated after each merge of
 * clusters i and j by the Lance–Williams formula for Ward linkage:
 *
 * <pre>
 *   d(i ∪ j, k) = ( (n_i + n_k) · d(i, k) + (n_j + n_k) · d(j, k) − n_k · d(i, j) ) / (n_i + n_j + n_k)
 * </pre>
 *
 * which keeps d(A, B) = 2 · |A| · |B| / (|A| + |B|) · ‖c_A − c_B‖²; the reported height is sqrt(d) (see
 * {@link WardTree}). Ward linkage is reducible, so following chains of nearest neighbours until two clusters are
 * each other's nearest neighbour and merging them yields exactly the greedy (minimum-increase) hierarchy, in O(n²)
 * time. Merges are then sorted by height (stable, so a merge never precedes the merges that built its children).
 *
 * <p>Memory: the dissimilarities are held as a condensed upper triangle of doubles, 8 · n(n − 1)/2 bytes: about
 * 40 MB at 3,200 points, 400 MB at 10,000 and 1.6 GB at the default maximum of 20,000 points. Above the configured
 * maximum, a uniform sample of that many points (seeded, so repeatable) is clustered exactly, and {@link
 * WardResult#cut(int)} assigns every other point to the nearest centroid of the sample's clusters; {@link
 * WardResult#sampled()} reports it.
 *
 * <p>Ties are broken deterministically (the lower cluster slot wins, and a chain's predecessor wins an equal
 * distance), so the same input and seed always give the same tree. Single-threaded.
 */
public final class Ward {

    /** The default largest number of points clustered exactly. */
    public static final int DEFAULT_MAX_EXACT_POINTS = 20_000;

    /** The default sampling seed. */
    public static final long DEFAULT_SEED = 42L;

    private final int maxExactPoints;
    private final long seed;

    /** Exact up to {@value #DEFAULT_MAX_EXACT_POINTS} points, sampled with seed {@value #DEFAULT_SEED} above. */
    public Ward() {
        this(DEFAULT_MAX_EXACT_POINTS, DEFAULT_SEED);
    }

    /**
     * @param maxExactPoints the largest number of points clustered exactly; at least 2
     * @param seed seed of the uniform sample drawn above maxExactPoints
     */
    public Ward(int maxExactPoints, long seed) {
        if (maxExactPoints < 2) {
            throw new IllegalArgumentException("maxExactPoints must be at least 2, got " + maxExactPoints);
        }
        this.maxExactPoints = maxExactPoints;
        this.seed = seed;
    }

    /**
     * Clusters the rows of points (n rows of the same dimension d ≥ 1, all values finite, n ≥ 1).
     *
     * @throws IllegalArgumentException on empty, ragged or non-finite input
     */
    public WardResult fit(double[][] points) {
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException("points must hold at least one row");
        }
        int n = points.length;
        if (points[0] == null || points[0].length == 0) {
            throw new IllegalArgumentException("points[0] must have at least one dimension");
        }
        int dim = points[0].length;
        double[] flat = new double[Math.multiplyExact(n, dim)];
        for (int i = 0; i < n; i++) {
            double[] row = points[i];
            if (row == null || row.length != dim) {
                throw new IllegalArgumentException("points[" + i + "] must have " + dim + " dimensions, got "
                        + (row == null ? "null" : Integer.toString(row.length)));
            }
            for (int c = 0; c < dim; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException("points[" + i + "][" + c + "] must be finite, got " + row[c]);
                }
                flat[i * dim + c] = row[c];
            }
        }
        if (n <= maxExactPoints) {
            return new WardResult(n, dim, flat, null, tree(flat, n, dim));
        }
        int[] sample = sample(n, maxExactPoints, seed);
        double[] sampleFlat = new double[sample.length * dim];
        for (int s = 0; s < sample.length; s++) {
            System.arraycopy(flat, sample[s] * dim, sampleFlat, s * dim, dim);
        }
        return new WardResult(n, dim, flat, sample, tree(sampleFlat, sample.length, dim));
    }

    /** m distinct indices of 0..n−1, uniformly at random, ascending (partial Fisher–Yates). */
    static int[] sample(int n, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] chosen = Arrays.copyOf(pool, m);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The exact Ward tree of n row-major points of dimension dim. */
    static WardTree tree(double[] x, int n, int dim) {
        if (n == 1) {
            return new WardTree(1, new int[0], new int[0], new double[0], new int[0]);
        }
        long cells = (long) n * (n - 1) / 2;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many points for the exact algorithm: " + n);
        }
        double[] d = new double[(int) cells];
        for (int i = 0; i < n; i++) {
            int base = index(n, i, i + 1);
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < dim; c++) {
                    double diff = x[i * dim + c] - x[j * dim + c];
                    s += diff * diff;
                }
                d[base + (j - i - 1)] = s;
            }
        }
        int[] size = new int[n];
        Arrays.fill(size, 1);
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        // Merges in the order found, by slot: the surviving slot of a merge is the lower one; a slot stands for the
        // cluster now in it, and slot s always contains point s.
        int[] mergeA = new int[n - 1];
        int[] mergeB = new int[n - 1];
        double[] mergeD = new double[n - 1];
        int[] chain = new int[n];
        int chainLength = 0;
        for (int m = 0; m < n - 1; m++) {
            if (chainLength == 0) {
                int first = 0;
                while (!active[first]) {
                    first++;
                }
                chain[chainLength++] = first;
            }
            int a;
            int b;
            double dab;
            while (true) {
                a = chain[chainLength - 1];
                int previous = chainLength >= 2 ? chain[chainLength - 2] : -1;
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                if (previous >= 0) {
                    best = previous;
                    bestD = d[a < previous ? index(n, a, previous) : index(n, previous, a)];
                }
                for (int k = 0; k < n; k++) {
                    if (k == a || !active[k]) {
                        continue;
                    }
                    double dk = d[a < k ? index(n, a, k) : index(n, k, a)];
                    if (dk < bestD || (best < 0)) {
                        best = k;
                        bestD = dk;
                    }
                }
                if (best == previous) {
                    b = previous;
                    dab = bestD;
                    chainLength -= 2;
                    break;
                }
                chain[chainLength++] = best;
            }
            int keep = Math.min(a, b);
            int drop = Math.max(a, b);
            mergeA[m] = keep;
            mergeB[m] = drop;
            mergeD[m] = dab;
            int nKeep = size[keep];
            int nDrop = size[drop];
            for (int k = 0; k < n; k++) {
                if (!active[k] || k == keep || k == drop) {
                    continue;
                }
                int ik = keep < k ? index(n, keep, k) : index(n, k, keep);
                int jk = drop < k ? index(n, drop, k) : index(n, k, drop);
                int nk = size[k];
                d[ik] = ((nKeep + nk) * d[ik] + (nDrop + nk) * d[jk] - nk * dab) / (nKeep + nDrop + nk);
            }
            active[drop] = false;
            size[keep] = nKeep + nDrop;
        }
        return label(n, mergeA, mergeB, mergeD);
    }

    /** Sorts the merges by height (stable) and names clusters in the linkage-matrix convention. */
    private static WardTree label(int n, int[] mergeA, int[] mergeB, double[] mergeD) {
        int merges = n - 1;
        Integer[] order = new Integer[merges];
        for (int i = 0; i < merges; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(mergeD[p], mergeD[q]));
        int[] parent = new int[n];
        int[] clusterOfRoot = new int[n];
        int[] sizeOfRoot = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            clusterOfRoot[i] = i;
            sizeOfRoot[i] = 1;
        }
        int[] left = new int[merges];
        int[] right = new int[merges];
        double[] height = new double[merges];
        int[] size = new int[merges];
        for (int i = 0; i < merges; i++) {
            int m = order[i];
            int ra = WardTree.find(parent, mergeA[m]);
            int rb = WardTree.find(parent, mergeB[m]);
            int ca = clusterOfRoot[ra];
            int cb = clusterOfRoot[rb];
            left[i] = Math.min(ca, cb);
            right[i] = Math.max(ca, cb);
            height[i] = Math.sqrt(Math.max(0, mergeD[m]));
            size[i] = sizeOfRoot[ra] + sizeOfRoot[rb];
            int root = Math.min(ra, rb);
            parent[Math.max(ra, rb)] = root;
            clusterOfRoot[root] = n + i;
            sizeOfRoot[root] = size[i];
        }
        return new WardTree(n, left, right, height, size);
    }

    /** Position of (i, j), i &lt; j, in the condensed upper triangle of an n × n matrix. */
    private static int index(int n, int i, int j) {
        return (int) ((long) n * i - (long) i * (i + 1) / 2 + (j - i - 1));
    }
}
