package dev.persona.segment.hierarchy;

/**
 * The outcome of {@link Ward#fit(double[][])}: the exact Ward tree of all points, or, above the configured maximum,
 * of a seeded uniform sample of them, together with a {@link #cut(int)} that labels every point.
 */
public final class WardResult {

    private final int n;
    private final int dim;
    private final double[] points;
    private final int[] sample;
    private final WardTree tree;

    WardResult(int n, int dim, double[] points, int[] sample, WardTree tree) {
        this.n = n;
        this.dim = dim;
        this.points = points;
        this.sample = sample;
        this.tree = tree;
    }

    /** The number of input points. */
    public int pointCount() {
        return n;
    }

    /** True when the tree was built on a sample because there were more points than the exact maximum. */
    public boolean sampled() {
        return sample != null;
    }

    /**
     * The input indices of the tree's leaves, ascending: leaf s of {@link #tree()} is input point sampleIndices()[s].
     * Without sampling, 0..n−1.
     */
    public int[] sampleIndices() {
        if (sample == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return sample.clone();
    }

    /** The merge tree, over all points or, when {@link #sampled()}, over the sample (in sample order). */
    public WardTree tree() {
        return tree;
    }

    /**
     * Labels 0..k−1 for every input point. Without sampling this is {@link WardTree#cut(int)}: labels are numbered
     * by the smallest point index of each cluster. With sampling, the sample's tree is cut into k clusters (labelled
     * by their smallest input index, as the sample is ascending), and every point outside the sample goes to the
     * cluster whose sample centroid is nearest in Euclidean distance (ties to the lower label).
     *
     * @throws IllegalArgumentException if k is not in 1..(number of tree leaves)
     */
    public int[] cut(int k) {
        int[] sampleLabels = tree.cut(k);
        if (sample == null) {
            return sampleLabels;
        }
        double[] centroids = new double[k * dim];
        int[] counts = new int[k];
        for (int s = 0; s < sample.length; s++) {
            int label = sampleLabels[s];
            counts[label]++;
            int p = sample[s] * dim;
            for (int c = 0; c < dim; c++) {
                centroids[label * dim + c] += points[p + c];
            }
        }
        for (int label = 0; label < k; label++) {
            for (int c = 0; c < dim; c++) {
                centroids[label * dim + c] /= counts[label];
            }
        }
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, -1);
        for (int s = 0; s < sample.length; s++) {
            labels[sample[s]] = sampleLabels[s];
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                continue;
            }
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int label = 0; label < k; label++) {
                double s = 0;
                for (int c = 0; c < dim; c++) {
                    double diff = points[i * dim + c] - centroids[label * dim + c];
                    s += diff * diff;
                }
                if (s < bestD) {
                    bestD = s;
                    best = label;
                }
            }
            labels[i] = best;
        }
        return labels;
    }
}
