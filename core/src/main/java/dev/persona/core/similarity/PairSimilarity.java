package dev.persona.core.similarity;

import java.util.function.IntToDoubleFunction;

/**
 * The exact similarity of one pair of entities, for on-demand queries, with the formulas and the undefined cases of
 * {@link Metric} exactly as {@link NeighborKernel} applies them. Each entity is a sparse vector over features (an item
 * over its users, a user over its items): ascending feature indices and the stored values. An undefined score (a
 * zero norm, a constant Pearson side, no co-rater) is reported as 0, with the support still counted.
 */
public final class PairSimilarity {

    /** A pair's score after shrinkage and its support (co-raters or co-items). */
    public record Score(double score, int support) {
    }

    private PairSimilarity() {
    }

    /**
     * Scores entities a and b.
     *
     * @param featureMean for {@link Metric#ADJUSTED_COSINE}, the mean of all stored values of a feature (for items, a
     *                    user's mean rating); ignored by the other metrics and may then be null
     */
    public static Score of(Metric metric, double shrinkage, int[] aIdx, double[] aVal, int[] bIdx, double[] bVal,
                           IntToDoubleFunction featureMean) {
        if (!(shrinkage >= 0) || Double.isInfinite(shrinkage)) {
            throw new IllegalArgumentException("shrinkage must be a finite number ≥ 0, got " + shrinkage);
        }
        int n = coRaters(aIdx, bIdx);
        if (n == 0) {
            return new Score(0, 0);
        }
        double score = switch (metric) {
            case JACCARD -> (double) n / (aIdx.length + bIdx.length - n);
            case COSINE -> cosine(aIdx, aVal, bIdx, bVal);
            case ADJUSTED_COSINE -> cosine(aIdx, centred(aIdx, aVal, featureMean), bIdx, centred(bIdx, bVal, featureMean));
            case PEARSON -> pearson(aIdx, shifted(aVal), bIdx, shifted(bVal), n);
        };
        return new Score(shrinkage > 0 ? score * n / (n + shrinkage) : score, n);
    }

    private static int coRaters(int[] aIdx, int[] bIdx) {
        int n = 0;
        for (int p = 0, q = 0; p < aIdx.length && q < bIdx.length; ) {
            if (aIdx[p] == bIdx[q]) {
                n++;
                p++;
                q++;
            } else if (aIdx[p] < bIdx[q]) {
                p++;
            } else {
                q++;
            }
        }
        return n;
    }

    private static double cosine(int[] aIdx, double[] aVal, int[] bIdx, double[] bVal) {
        double normA = norm(aVal);
        double normB = norm(bVal);
        if (normA == 0 || normB == 0) {
            return 0;
        }
        double dot = 0;
        for (int p = 0, q = 0; p < aIdx.length && q < bIdx.length; ) {
            if (aIdx[p] == bIdx[q]) {
                dot += aVal[p++] * bVal[q++];
            } else if (aIdx[p] < bIdx[q]) {
                p++;
            } else {
                q++;
            }
        }
        return dot / (normA * normB);
    }

    /** Pearson over the co-raters from one pass of sums, with the kernel's constant-side rule. */
    private static double pearson(int[] aIdx, double[] x, int[] bIdx, double[] y, int n) {
        double sx = 0;
        double sxx = 0;
        double sy = 0;
        double syy = 0;
        double sxy = 0;
        for (int p = 0, q = 0; p < aIdx.length && q < bIdx.length; ) {
            if (aIdx[p] == bIdx[q]) {
                double u = x[p++];
                double v = y[q++];
                sx += u;
                sxx += u * u;
                sy += v;
                syy += v * v;
                sxy += u * v;
            } else if (aIdx[p] < bIdx[q]) {
                p++;
            } else {
                q++;
            }
        }
        double varX = sxx - sx * sx / n;
        double varY = syy - sy * sy / n;
        if (varX > RowScorer.CONSTANT_VARIANCE * sxx && varY > RowScorer.CONSTANT_VARIANCE * syy) {
            return (sxy - sx * sy / n) / Math.sqrt(varX * varY);
        }
        return 0;
    }

    private static double norm(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static double[] centred(int[] idx, double[] values, IntToDoubleFunction featureMean) {
        double[] out = new double[values.length];
        for (int p = 0; p < values.length; p++) {
            out[p] = values[p] - featureMean.applyAsDouble(idx[p]);
        }
        return out;
    }

    /** Each value minus the vector's own mean: leaves the correlation unchanged and the sums small. */
    private static double[] shifted(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double[] out = new double[values.length];
        for (int p = 0; p < values.length; p++) {
            out[p] = values[p] - mean;
        }
        return out;
    }
}
