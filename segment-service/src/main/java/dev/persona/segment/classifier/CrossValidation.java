package dev.persona.segment.classifier;

import dev.persona.core.metrics.ClassificationMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Stratified k-fold cross-validation.
 *
 * <p>Folds: the positive rows and the negative rows are each shuffled with a {@link Random} seeded by
 * {@code seed} (Fisher–Yates, positives first), then dealt round-robin to folds 0, 1, …, k−1, the negatives
 * continuing where the positives stopped. Every row lands in exactly one fold, fold sizes differ by at most one,
 * and each fold's count of positives differs from n⁺/k by less than one, so the class ratio is kept. The same
 * labels and seed always give the same folds.
 */
public final class CrossValidation {

    /** Per-fold metrics (fold order) and their mean, see {@link ClassificationMetrics#mean(List)}. */
    public record Result(List<ClassificationMetrics> folds, ClassificationMetrics mean) {
    }

    private CrossValidation() {
    }

    /** The test rows of each of {@code k} stratified folds, each sorted ascending. */
    public static int[][] stratifiedFolds(boolean[] label, int k, long seed) {
        if (label == null) {
            throw new IllegalArgumentException("labels are required");
        }
        if (k < 2 || k > label.length) {
            throw new IllegalArgumentException("k must be between 2 and the number of rows (" + label.length
                    + "), got " + k);
        }
        int pos = 0;
        for (boolean b : label) {
            if (b) {
                pos++;
            }
        }
        int[] positives = new int[pos];
        int[] negatives = new int[label.length - pos];
        for (int i = 0, a = 0, b = 0; i < label.length; i++) {
            if (label[i]) {
                positives[a++] = i;
            } else {
                negatives[b++] = i;
            }
        }
        Random random = new Random(seed);
        shuffle(positives, random);
        shuffle(negatives, random);
        int[] size = new int[k];
        int[] foldOf = new int[label.length];
        int next = 0;
        for (int r : positives) {
            foldOf[r] = next;
            size[next]++;
            next = (next + 1) % k;
        }
        for (int r : negatives) {
            foldOf[r] = next;
            size[next]++;
            next = (next + 1) % k;
        }
        int[][] folds = new int[k][];
        int[] fill = new int[k];
        for (int f = 0; f < k; f++) {
            folds[f] = new int[size[f]];
        }
        for (int r = 0; r < label.length; r++) {
            folds[foldOf[r]][fill[foldOf[r]]++] = r;
        }
        return folds;
    }

    /** The rows of {@code subset} (of a dataset with {@code rows} rows) that are not in {@code excluded}. */
    public static int[] complement(int[] subset, int[] excluded, int rows) {
        boolean[] out = new boolean[rows];
        for (int r : excluded) {
            out[r] = true;
        }
        return Arrays.stream(subset).filter(r -> !out[r]).toArray();
    }

    /**
     * Fits {@code factory} k times, each time on all rows but one fold, and scores the held-out fold.
     */
    public static Result run(Dataset data, ModelFactory factory, int k, long seed) {
        if (data == null || factory == null) {
            throw new IllegalArgumentException("data and factory are required");
        }
        int[][] folds = stratifiedFolds(data.labels(), k, seed);
        int[] all = data.allRows();
        List<ClassificationMetrics> results = new ArrayList<>(k);
        for (int[] test : folds) {
            int[] train = complement(all, test, data.rows());
            Classifier model = factory.fit(data, train);
            boolean[] y = new boolean[test.length];
            double[] p = new double[test.length];
            for (int i = 0; i < test.length; i++) {
                y[i] = data.label(test[i]);
                p[i] = model.predictProbability(data, test[i]);
            }
            results.add(ClassificationMetrics.of(y, p));
        }
        return new Result(List.copyOf(results), ClassificationMetrics.mean(results));
    }

    /**
     * Cross-validation with every row's out-of-fold probability kept.
     *
     * @param folds         per-fold metrics, fold order
     * @param mean          their mean, see {@link ClassificationMetrics#mean(List)}
     * @param aucStd        population standard deviation of the folds' AUC
     * @param probabilities per row of the dataset, the probability given by the model that did not see it
     */
    public record Pooled(List<ClassificationMetrics> folds, ClassificationMetrics mean, double aucStd, double[] probabilities) {
    }

    /** As {@link #run}, keeping each row's out-of-fold probability (the folds are the same). */
    public static Pooled runPooled(Dataset data, ModelFactory factory, int k, long seed) {
        if (data == null || factory == null) {
            throw new IllegalArgumentException("data and factory are required");
        }
        int[][] folds = stratifiedFolds(data.labels(), k, seed);
        int[] all = data.allRows();
        double[] oof = new double[data.rows()];
        List<ClassificationMetrics> results = new ArrayList<>(k);
        for (int[] test : folds) {
            int[] train = complement(all, test, data.rows());
            Classifier model = factory.fit(data, train);
            boolean[] y = new boolean[test.length];
            double[] p = new double[test.length];
            for (int i = 0; i < test.length; i++) {
                y[i] = data.label(test[i]);
                p[i] = model.predictProbability(data, test[i]);
                oof[test[i]] = p[i];
            }
            results.add(ClassificationMetrics.of(y, p));
        }
        double mean = 0;
        for (ClassificationMetrics m : results) {
            mean += m.auc();
        }
        mean /= k;
        double var = 0;
        for (ClassificationMetrics m : results) {
            var += (m.auc() - mean) * (m.auc() - mean);
        }
        return new Pooled(List.copyOf(results), ClassificationMetrics.mean(results), Math.sqrt(var / k), oof);
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
