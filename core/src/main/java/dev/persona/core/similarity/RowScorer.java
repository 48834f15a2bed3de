package dev.persona.core.similarity;

import dev.persona.core.topk.TopK;

/**
 * Scores one row i against every later row j > i it shares a feature with, for one worker thread; as every metric is
 * symmetric, each pair is scored once and offered to both rows ({@link NeighborHeaps}). For row i it walks i's
 * features f and, through the transposed matrix, the rows after i that also have f, accumulating into dense
 * per-thread arrays indexed by j (dot products or Pearson sums, and co-rater counts); then it scores the touched
 * rows and resets only their slots. Cost per row: Σ_{f∈i} |rows after i with f| updates, with no allocation.
 */
final class RowScorer {

    /** Relative variance under which a Pearson side counts as constant (see {@link Metric#PEARSON}). */
    static final double CONSTANT_VARIANCE = 1e-10;

    /** Offsets of the Pearson sums of one candidate, kept next to each other in memory. */
    private static final int SX = 0;
    private static final int SXX = 1;
    private static final int SY = 2;
    private static final int SYY = 3;
    private static final int SXY = 4;
    private static final int MOMENTS = 5;

    private final Metric metric;
    private final int minSupport;
    private final double shrinkage;
    private final boolean countsOnly;
    private final int[] rowPtr;
    private final int[] rowCols;
    private final double[] rowVals;
    private final int[] mirror;
    private final int[] featurePtr;
    private final int[] featureRows;
    private final double[] featureVals;
    private final double[] norms;
    private final NeighborHeaps heaps;
    private final TopK own;
    /** The row's shared floor when its scoring started: own candidates below it cannot make the list. */
    private double ownFloor;

    private final int[] coCounts;
    private final int[] touched;
    private final double[] dots;
    private final double[] moments;

    RowScorer(PreparedRows data, NeighborParams params, NeighborHeaps heaps, int capacity) {
        this.metric = params.metric();
        this.minSupport = params.minSupport();
        this.shrinkage = params.shrinkage();
        this.countsOnly = metric == Metric.JACCARD || data.binary;
        this.rowPtr = data.rows.rowPtr;
        this.rowCols = data.rows.colIdx;
        this.rowVals = data.rows.values;
        this.mirror = data.mirror;
        this.featurePtr = data.features.rowPtr;
        this.featureRows = data.features.colIdx;
        this.featureVals = data.features.values;
        this.norms = data.norms;
        this.heaps = heaps;
        this.own = new TopK(capacity);
        int n = data.rows.numRows;
        this.coCounts = new int[n];
        this.touched = new int[n + 1];
        this.dots = !countsOnly && metric != Metric.PEARSON ? new double[n] : null;
        this.moments = metric == Metric.PEARSON ? new double[MOMENTS * n] : null;
    }

    /** Scores {@code row} against every later row and offers each defined pair to both rows. */
    void score(int row) {
        own.clear();
        ownFloor = heaps.floor(row);
        switch (metric) {
            case JACCARD -> jaccard(row);
            case COSINE, ADJUSTED_COSINE -> {
                if (countsOnly) {
                    binaryCosine(row);
                } else {
                    cosine(row);
                }
            }
            case PEARSON -> pearson(row);
        }
        heaps.offerAll(row, own);
    }

    private void jaccard(int row) {
        int touchedCount = accumulateCounts(row);
        int size = rowPtr[row + 1] - rowPtr[row];
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            int n = coCounts[j];
            coCounts[j] = 0;
            if (n >= minSupport) {
                int union = size + rowPtr[j + 1] - rowPtr[j] - n;
                emit(row, j, (double) n / union, n);
            }
        }
    }

    /** Cosine of 0/1 vectors: the dot product is the co-rater count, so only counts are accumulated. */
    private void binaryCosine(int row) {
        int touchedCount = accumulateCounts(row);
        double rowNorm = norms[row];
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            int n = coCounts[j];
            coCounts[j] = 0;
            if (n >= minSupport) {
                emit(row, j, n / (rowNorm * norms[j]), n);
            }
        }
    }

    private void cosine(int row) {
        double rowNorm = norms[row];
        if (rowNorm == 0) {
            return;
        }
        int touchedCount = accumulateDots(row);
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            int n = coCounts[j];
            double dot = dots[j];
            coCounts[j] = 0;
            dots[j] = 0;
            if (n >= minSupport && norms[j] != 0) {
                emit(row, j, dot / (rowNorm * norms[j]), n);
            }
        }
    }

    private void pearson(int row) {
        int touchedCount = accumulateMoments(row);
        for (int t = 0; t < touchedCount; t++) {
            int j = touched[t];
            int n = coCounts[j];
            int m = MOMENTS * j;
            double sx = moments[m + SX];
            double sxx = moments[m + SXX];
            double sy = moments[m + SY];
            double syy = moments[m + SYY];
            double sxy = moments[m + SXY];
            coCounts[j] = 0;
            moments[m + SX] = 0;
            moments[m + SXX] = 0;
            moments[m + SY] = 0;
            moments[m + SYY] = 0;
            moments[m + SXY] = 0;
            if (n < minSupport) {
                continue;
            }
            double varX = sxx - sx * sx / n;
            double varY = syy - sy * sy / n;
            if (varX > CONSTANT_VARIANCE * sxx && varY > CONSTANT_VARIANCE * syy) {
                emit(row, j, (sxy - sx * sy / n) / Math.sqrt(varX * varY), n);
            }
        }
    }

    /** Shrinks the pair's score and offers it to {@code row} (through {@link #own}) and to {@code j}. */
    private void emit(int row, int j, double score, int support) {
        double shrunk = shrinkage > 0 ? score * support / (support + shrinkage) : score;
        if (shrunk >= ownFloor) {
            own.offer(j, shrunk, support);
        }
        heaps.offer(j, row, shrunk, support);
    }

    /**
     * Whether to accumulate without listing first touches and then scan the counters of every later row. The
     * first-touch branch costs more than the update it guards (2.5 times slower on synth-ml1m), so once a row makes
     * about as many updates as there are later rows, scanning the counters is the cheaper way to find the touched
     * ones; on large sparse catalogues rows reach few others and the touched list wins.
     */
    private boolean scanAll(int row) {
        long updates = 0;
        for (int p = rowPtr[row], end = rowPtr[row + 1]; p < end; p++) {
            updates += featurePtr[rowCols[p] + 1] - mirror[p] - 1;
        }
        return updates >= coCounts.length - row - 1;
    }

    /** Lists every row after {@code row} with a non-zero count, ascending (one spare slot takes the last write). */
    private int listCounted(int row) {
        int[] counts = coCounts;
        int[] list = touched;
        int touchedCount = 0;
        for (int j = row + 1; j < counts.length; j++) {
            list[touchedCount] = j;
            touchedCount += counts[j] != 0 ? 1 : 0;
        }
        return touchedCount;
    }

    private int accumulateCounts(int row) {
        int[] counts = coCounts;
        if (scanAll(row)) {
            for (int p = rowPtr[row], end = rowPtr[row + 1]; p < end; p++) {
                for (int q = mirror[p] + 1, qEnd = featurePtr[rowCols[p] + 1]; q < qEnd; q++) {
                    counts[featureRows[q]]++;
                }
            }
            return listCounted(row);
        }
        int[] list = touched;
        int touchedCount = 0;
        for (int p = rowPtr[row], end = rowPtr[row + 1]; p < end; p++) {
            for (int q = mirror[p] + 1, qEnd = featurePtr[rowCols[p] + 1]; q < qEnd; q++) {
                int j = featureRows[q];
                if (counts[j]++ == 0) {
                    list[touchedCount++] = j;
                }
            }
        }
        return touchedCount;
    }

    private int accumulateDots(int row) {
        int[] counts = coCounts;
        double[] acc = dots;
        if (scanAll(row)) {
            for (int p = rowPtr[row], end = rowPtr[row + 1]; p < end; p++) {
                double x = rowVals[p];
                for (int q = mirror[p] + 1, qEnd = featurePtr[rowCols[p] + 1]; q < qEnd; q++) {
                    int j = featureRows[q];
                    acc[j] += x * featureVals[q];
                    counts[j]++;
                }
            }
            return listCounted(row);
        }
        int[] list = touched;
        int touchedCount = 0;
        for (int p = rowPtr[row], end = rowPtr[row + 1]; p < end; p++) {
            double x = rowVals[p];
            for (int q = mirror[p] + 1, qEnd = featurePtr[rowCols[p] + 1]; q < qEnd; q++) {
                int j = featureRows[q];
                acc[j] += x * featureVals[q];
                if (counts[j]++ == 0) {
                    list[touchedCount++] = j;
                }
            }
        }
        return touchedCount;
    }

    private int accumulateMoments(int row) {
        int[] counts = coCounts;
        double[] acc = moments;
        if (scanAll(row)) {
            for (int p = rowPtr[row], end = rowPtr[row + 1]; p < end; p++) {
                double x = rowVals[p];
                double xx = x * x;
                for (int q = mirror[p] + 1, qEnd = featurePtr[rowCols[p] + 1]; q < qEnd; q++) {
                    int j = featureRows[q];
                    double y = featureVals[q];
                    int m = MOMENTS * j;
                    acc[m + SX] += x;
                    acc[m + SXX] += xx;
                    acc[m + SY] += y;
                    acc[m + SYY] += y * y;
                    acc[m + SXY] += x * y;
                    counts[j]++;
                }
            }
            return listCounted(row);
        }
        int[] list = touched;
        int touchedCount = 0;
        for (int p = rowPtr[row], end = rowPtr[row + 1]; p < end; p++) {
            double x = rowVals[p];
            double xx = x * x;
            for (int q = mirror[p] + 1, qEnd = featurePtr[rowCols[p] + 1]; q < qEnd; q++) {
                int j = featureRows[q];
                double y = featureVals[q];
                int m = MOMENTS * j;
                acc[m + SX] += x;
                acc[m + SXX] += xx;
                acc[m + SY] += y;
                acc[m + SYY] += y * y;
                acc[m + SXY] += x * y;
                if (counts[j]++ == 0) {
                    list[touchedCount++] = j;
                }
            }
        }
        return touchedCount;
    }
}
