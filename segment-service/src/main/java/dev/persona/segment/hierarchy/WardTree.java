package dev.persona.segment.hierarchy;

/**
 * The merge tree (dendrogram) of an agglomerative clustering of n points: n − 1 merges in non-decreasing order of
 * height. As in the usual linkage-matrix convention, the points are clusters 0..n−1 and merge i creates cluster
 * n + i from clusters {@link #left(int)} &lt; {@link #right(int)}; {@link #size(int)} is the number of points under
 * it. For Ward linkage, the height of merging clusters A and B is
 *
 * <pre>
 *   height(A, B) = sqrt( 2 · |A| · |B| / (|A| + |B|) · ‖c_A − c_B‖² ) = sqrt( 2 · ΔSSE(A, B) )
 * </pre>
 *
 * where c are centroids and ΔSSE is the increase of the within-cluster sum of squared errors caused by the merge.
 */
public final class WardTree {

    private final int n;
    private final int[] left;
    private final int[] right;
    private final double[] height;
    private final int[] size;

    WardTree(int n, int[] left, int[] right, double[] height, int[] size) {
        this.n = n;
        this.left = left;
        this.right = right;
        this.height = height;
        this.size = size;
    }

    /** The number of clustered points (leaves). */
    public int pointCount() {
        return n;
    }

    /** n − 1. */
    public int mergeCount() {
        return n - 1;
    }

    /** The smaller cluster id joined by merge i. */
    public int left(int i) {
        return left[i];
    }

    /** The larger cluster id joined by merge i. */
    public int right(int i) {
        return right[i];
    }

    /** The height of merge i (see the class comment); non-decreasing in i. */
    public double height(int i) {
        return height[i];
    }

    /** The increase in within-cluster sum of squared errors caused by merge i: height² / 2. */
    public double sseIncrease(int i) {
        return height[i] * height[i] / 2;
    }

    /** The number of points in the cluster created by merge i. */
    public int size(int i) {
        return size[i];
    }

    /** A copy of all merge heights, in merge order. */
    public double[] heights() {
        return height.clone();
    }

    /**
     * Cuts the tree into k clusters by applying its first n − k merges. Labels are 0..k−1, numbered by the smallest
     * point index in each cluster (the cluster holding point 0 is 0, the cluster of the first point not in it is 1,
     * and so on), so the labelling is deterministic.
     *
     * @throws IllegalArgumentException if k is not in 1..n
     */
    public int[] cut(int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in 1.." + n + ", got " + k);
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        // Representative point of every cluster id: leaves are themselves, merge i is represented by its left child's.
        int[] representative = new int[2 * n - 1];
        for (int i = 0; i < n; i++) {
            representative[i] = i;
        }
        for (int i = 0; i < n - k; i++) {
            int a = find(parent, representative[left[i]]);
            int b = find(parent, representative[right[i]]);
            parent[Math.max(a, b)] = Math.min(a, b);
            representative[n + i] = Math.min(a, b);
        }
        int[] labelOfRoot = new int[n];
        java.util.Arrays.fill(labelOfRoot, -1);
        int[] labels = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (labelOfRoot[root] < 0) {
                labelOfRoot[root] = next++;
            }
            labels[i] = labelOfRoot[root];
        }
        return labels;
    }

    static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
