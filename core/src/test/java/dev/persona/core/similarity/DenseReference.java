package dev.persona.core.similarity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Brute-force neighbour lists over a dense entity × feature matrix: every pair of rows, every feature, plain double
 * loops. Sums run over features in ascending order and each score is written as in {@link Metric}'s Javadoc, so that
 * equal scores (ties) come out equal here exactly when they do in the kernel and neighbour order can be compared.
 */
final class DenseReference {

    /** One reference neighbour. */
    record Neighbor(int index, double score, int support) {
    }

    /** Higher score first, equal scores by lower index; written with {@code <} and {@code >} as the kernel compares. */
    private static final Comparator<Neighbor> BEST_FIRST = (p, q) -> p.score() > q.score() ? -1
            : p.score() < q.score() ? 1 : Integer.compare(p.index(), q.index());

    private final double[][] values;
    private final boolean[][] present;
    private final int rows;
    private final int features;

    /** {@code values[e][f]} is entity e's value for feature f where {@code present[e][f]}. */
    DenseReference(double[][] values, boolean[][] present) {
        this.values = values;
        this.present = present;
        this.rows = values.length;
        this.features = rows == 0 ? 0 : values[0].length;
    }

    /** The item × user reference of a log (item-item lists). */
    static DenseReference items(RandomInteractions log) {
        boolean[][] presentByUser = new boolean[log.numUsers][log.numItems];
        double[][] byUser = log.denseByUser(presentByUser);
        return new DenseReference(transpose(byUser), transpose(presentByUser));
    }

    /** The user × item reference of a log (user-user lists). */
    static DenseReference users(RandomInteractions log) {
        boolean[][] presentByUser = new boolean[log.numUsers][log.numItems];
        double[][] byUser = log.denseByUser(presentByUser);
        return new DenseReference(byUser, presentByUser);
    }

    int rows() {
        return rows;
    }

    /** Every row's list, best first. */
    List<List<Neighbor>> neighbors(NeighborParams params) {
        double[][] x = transformed(params.metric());
        double[] norms = norms(x);
        List<List<Neighbor>> lists = new ArrayList<>();
        for (int a = 0; a < rows; a++) {
            List<Neighbor> candidates = new ArrayList<>();
            for (int b = 0; b < rows; b++) {
                int n = coRaters(a, b);
                if (b == a || n == 0 || n < params.minSupport()) {
                    continue;
                }
                double score = score(params.metric(), x, norms, a, b, n);
                if (Double.isNaN(score)) {
                    continue;
                }
                if (params.shrinkage() > 0) {
                    score = score * n / (n + params.shrinkage());
                }
                candidates.add(new Neighbor(b, score, n));
            }
            candidates.sort(BEST_FIRST);
            lists.add(candidates.subList(0, Math.min(params.k(), candidates.size())));
        }
        return lists;
    }

    /** Pearson over co-raters with means over co-raters, two passes, no shortcuts: the textbook formula. */
    double textbookPearson(int a, int b) {
        int n = coRaters(a, b);
        double meanA = 0;
        double meanB = 0;
        for (int f = 0; f < features; f++) {
            if (present[a][f] && present[b][f]) {
                meanA += values[a][f] / n;
                meanB += values[b][f] / n;
            }
        }
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int f = 0; f < features; f++) {
            if (present[a][f] && present[b][f]) {
                double da = values[a][f] - meanA;
                double db = values[b][f] - meanB;
                cov += da * db;
                varA += da * da;
                varB += db * db;
            }
        }
        return cov / Math.sqrt(varA * varB);
    }

    int coRaters(int a, int b) {
        int n = 0;
        for (int f = 0; f < features; f++) {
            if (present[a][f] && present[b][f]) {
                n++;
            }
        }
        return n;
    }

    /** The score of (a, b), or NaN where the metric is undefined. */
    private double score(Metric metric, double[][] x, double[] norms, int a, int b, int n) {
        switch (metric) {
            case JACCARD: {
                int union = count(a) + count(b) - n;
                return (double) n / union;
            }
            case COSINE:
            case ADJUSTED_COSINE: {
                if (norms[a] == 0 || norms[b] == 0) {
                    return Double.NaN;
                }
                double dot = 0;
                for (int f = 0; f < features; f++) {
                    if (present[a][f] && present[b][f]) {
                        dot += x[a][f] * x[b][f];
                    }
                }
                return dot / (norms[a] * norms[b]);
            }
            case PEARSON: {
                double sx = 0;
                double sxx = 0;
                double sy = 0;
                double syy = 0;
                double sxy = 0;
                for (int f = 0; f < features; f++) {
                    if (present[a][f] && present[b][f]) {
                        sx += x[a][f];
                        sxx += x[a][f] * x[a][f];
                        sy += x[b][f];
                        syy += x[b][f] * x[b][f];
                        sxy += x[a][f] * x[b][f];
                    }
                }
                double varX = sxx - sx * sx / n;
                double varY = syy - sy * sy / n;
                if (!(varX > 1e-10 * sxx && varY > 1e-10 * syy)) {
                    return Double.NaN;
                }
                return (sxy - sx * sy / n) / Math.sqrt(varX * varY);
            }
            default:
                throw new IllegalArgumentException(metric.name());
        }
    }

    /** Values as the metric sees them: centred by each feature's mean (adjusted cosine), each row's mean (Pearson). */
    private double[][] transformed(Metric metric) {
        double[][] x = new double[rows][features];
        for (int e = 0; e < rows; e++) {
            for (int f = 0; f < features; f++) {
                if (present[e][f]) {
                    x[e][f] = values[e][f];
                    if (metric == Metric.ADJUSTED_COSINE) {
                        x[e][f] -= featureMean(f);
                    } else if (metric == Metric.PEARSON) {
                        x[e][f] -= rowMean(e);
                    }
                }
            }
        }
        return x;
    }

    private double[] norms(double[][] x) {
        double[] norms = new double[rows];
        for (int e = 0; e < rows; e++) {
            double sum = 0;
            for (int f = 0; f < features; f++) {
                if (present[e][f]) {
                    sum += x[e][f] * x[e][f];
                }
            }
            norms[e] = Math.sqrt(sum);
        }
        return norms;
    }

    private double featureMean(int f) {
        double sum = 0;
        int n = 0;
        for (int e = 0; e < rows; e++) {
            if (present[e][f]) {
                sum += values[e][f];
                n++;
            }
        }
        return sum / n;
    }

    private double rowMean(int e) {
        double sum = 0;
        for (int f = 0; f < features; f++) {
            if (present[e][f]) {
                sum += values[e][f];
            }
        }
        return sum / count(e);
    }

    private int count(int e) {
        int n = 0;
        for (int f = 0; f < features; f++) {
            if (present[e][f]) {
                n++;
            }
        }
        return n;
    }

    private static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    private static boolean[][] transpose(boolean[][] m) {
        boolean[][] t = new boolean[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
