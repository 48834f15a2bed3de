package dev.persona.core.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Quality of predicted probabilities against binary labels.
 *
 * <ul>
 *   <li>{@code auc}: area under the ROC curve via the Mann–Whitney rank statistic,
 *       AUC = (R⁺ − n⁺(n⁺+1)/2) / (n⁺ n⁻), where R⁺ is the sum of the (1-based) ranks of the positives among all
 *       scores and tied scores share the average of their ranks (so a tie counts ½); NaN when a class is absent;</li>
 *   <li>{@code logLoss}: −(1/n) Σ [y ln p + (1−y) ln(1−p)] with p clipped to [10⁻¹⁵, 1 − 10⁻¹⁵];</li>
 *   <li>{@code accuracy}, {@code precision} = TP/(TP+FP), {@code recall} = TP/(TP+FN),
 *       {@code f1} = 2PR/(P+R), with a row predicted positive when p ≥ 0.5; a ratio with a zero denominator is 0.</li>
 * </ul>
 */
public record ClassificationMetrics(int n, double auc, double logLoss, double accuracy, double precision, double recall, double f1) {

    /** Probabilities are clipped to [EPS, 1 − EPS] for the log loss. */
    public static final double EPS = 1e-15;

    /** The classification threshold. */
    public static final double THRESHOLD = 0.5;

    /** ClassificationMetrics of {@code probability[i]} against {@code label[i]}. */
    public static ClassificationMetrics of(boolean[] label, double[] probability) {
        if (label == null || probability == null || label.length != probability.length) {
            throw new IllegalArgumentException("labels and probabilities must have the same length");
        }
        if (label.length == 0) {
            throw new IllegalArgumentException("need at least one prediction");
        }
        int n = label.length;
        int tp = 0, fp = 0, fn = 0, tn = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double p = probability[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability must be in [0, 1], got " + p + " at " + i);
            }
            double c = Math.min(1 - EPS, Math.max(EPS, p));
            loss -= label[i] ? Math.log(c) : Math.log(1 - c);
            boolean predicted = p >= THRESHOLD;
            if (predicted && label[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (label[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        double precision = ratio(tp, tp + fp);
        double recall = ratio(tp, tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassificationMetrics(n, auc(label, probability), loss / n, (double) (tp + tn) / n, precision, recall, f1);
    }

    /** The rank-based AUC (ties averaged); NaN when either class is absent. */
    public static double auc(boolean[] label, double[] score) {
        int n = label.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double avgRank = (i + 1 + j + 1) / 2.0;
            for (int t = i; t <= j; t++) {
                if (label[order[t]]) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** The log loss alone, see the class comment. */
    public static double logLoss(boolean[] label, double[] probability) {
        return of(label, probability).logLoss();
    }

    /** The unweighted mean of each metric over {@code folds} ({@code n} is the total); NaN propagates. */
    public static ClassificationMetrics mean(List<ClassificationMetrics> folds) {
        if (folds == null || folds.isEmpty()) {
            throw new IllegalArgumentException("need at least one set of metrics");
        }
        int n = 0;
        double auc = 0, ll = 0, acc = 0, p = 0, r = 0, f = 0;
        for (ClassificationMetrics m : folds) {
            n += m.n;
            auc += m.auc;
            ll += m.logLoss;
            acc += m.accuracy;
            p += m.precision;
            r += m.recall;
            f += m.f1;
        }
        int k = folds.size();
        return new ClassificationMetrics(n, auc / k, ll / k, acc / k, p / k, r / k, f / k);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
