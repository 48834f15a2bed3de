package dev.persona.core.similarity;

import java.util.Arrays;

/**
 * The two orientations of the data as one metric needs them: {@code rows} (entity × feature, the entities whose
 * neighbours are wanted) and {@code features} (its transpose), with values transformed for the metric, each
 * entity's norm for the cosine metrics, and for every entry of {@code rows} the position of the same entry in
 * {@code features}. Sums run in ascending index order so that results are reproducible bit for bit.
 */
final class PreparedRows {

    final SparseRows rows;
    final SparseRows features;
    /** √Σ v² over each entity's transformed row (cosine metrics); null otherwise. */
    final double[] norms;
    /** Whether every value is 1, so that cosine dot products equal co-rater counts (cosine metrics only). */
    final boolean binary;
    /**
     * {@code mirror[p]}: where entry p of {@code rows}, (e, f), sits in {@code features}. As feature f lists its
     * entities in ascending order, the entities after e in f's list start right after it.
     */
    final int[] mirror;

    private PreparedRows(SparseRows rows, SparseRows features, double[] norms, boolean binary) {
        this.rows = rows;
        this.features = features;
        this.norms = norms;
        this.binary = binary;
        this.mirror = mirror(rows, features);
    }

    /**
     * ADJUSTED_COSINE centres every value by its feature's mean; PEARSON shifts every value by its entity's mean,
     * which leaves each co-rater correlation unchanged and keeps the sums of {@link RowScorer} small.
     */
    static PreparedRows of(Metric metric, SparseRows rows, SparseRows features) {
        return switch (metric) {
            case COSINE -> withNorms(rows, features);
            case ADJUSTED_COSINE -> withNorms(centredByColumnMean(rows, features), centredByRowMean(features));
            case PEARSON -> new PreparedRows(centredByRowMean(rows), centredByColumnMean(features, rows), null, false);
            case JACCARD -> new PreparedRows(rows, features, null, false);
        };
    }

    private static int[] mirror(SparseRows rows, SparseRows features) {
        int[] mirror = new int[rows.nnz()];
        int[] cursor = Arrays.copyOf(rows.rowPtr, rows.numRows);
        for (int f = 0; f < features.numRows; f++) {
            for (int q = features.rowPtr[f]; q < features.rowPtr[f + 1]; q++) {
                mirror[cursor[features.colIdx[q]]++] = q;
            }
        }
        return mirror;
    }

    private static PreparedRows withNorms(SparseRows rows, SparseRows features) {
        double[] norms = new double[rows.numRows];
        for (int r = 0; r < rows.numRows; r++) {
            double sum = 0;
            for (int p = rows.rowPtr[r]; p < rows.rowPtr[r + 1]; p++) {
                sum += rows.values[p] * rows.values[p];
            }
            norms[r] = Math.sqrt(sum);
        }
        return new PreparedRows(rows, features, norms, rows.isBinary());
    }

    /** Each value minus the mean of its own row. */
    private static SparseRows centredByRowMean(SparseRows m) {
        double[] means = rowMeans(m);
        double[] centred = new double[m.values.length];
        for (int r = 0; r < m.numRows; r++) {
            for (int p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) {
                centred[p] = m.values[p] - means[r];
            }
        }
        return m.withValues(centred);
    }

    /** Each value of {@code m} minus the mean of its column, taken from {@code transposed} (the transpose of m). */
    private static SparseRows centredByColumnMean(SparseRows m, SparseRows transposed) {
        double[] means = rowMeans(transposed);
        double[] centred = new double[m.values.length];
        for (int p = 0; p < centred.length; p++) {
            centred[p] = m.values[p] - means[m.colIdx[p]];
        }
        return m.withValues(centred);
    }

    private static double[] rowMeans(SparseRows m) {
        double[] means = new double[m.numRows];
        for (int r = 0; r < m.numRows; r++) {
            int n = m.rowPtr[r + 1] - m.rowPtr[r];
            if (n > 0) {
                double sum = 0;
                for (int p = m.rowPtr[r]; p < m.rowPtr[r + 1]; p++) {
                    sum += m.values[p];
                }
                means[r] = sum / n;
            }
        }
        return means;
    }
}
