package dev.persona.cli.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Predicted probabilities of a binary outcome next to the true labels: AUC, log loss, ROC curve. */
public final class BinaryScores {

    /** Probabilities are clipped to [ε, 1 − ε] for the log loss, as scikit-learn does. */
    static final double EPSILON = 1e-15;

    private final double[] scores;
    private final boolean[] labels;

    /** One score per label, same order. */
    public BinaryScores(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        this.scores = scores.clone();
        this.labels = labels.clone();
    }

    public int size() {
        return scores.length;
    }

    public long positives() {
        long count = 0;
        for (boolean label : labels) {
            if (label) {
                count++;
            }
        }
        return count;
    }

    public double positiveRate() {
        return size() == 0 ? Double.NaN : (double) positives() / size();
    }

    /**
     * The area under the ROC curve by ranks (Mann-Whitney U): the probability that a random positive scores above a
     * random negative, ties counting one half (tied scores share their average rank). NaN without both classes.
     */
    public double auc() {
        long positives = positives();
        long negatives = size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] order = IntStream.range(0, size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]]) {
                    positiveRankSum += averageRank;
                }
            }
            i = j + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /** Mean log loss (natural log) with probabilities clipped to [ε, 1 − ε]. */
    public double logLoss() {
        double sum = 0;
        for (int i = 0; i < size(); i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, scores[i]));
            sum -= labels[i] ? Math.log(p) : Math.log(1 - p);
        }
        return size() == 0 ? Double.NaN : sum / size();
    }

    /** A point of the ROC curve: the rates when scores at least {@code threshold} are predicted positive. */
    public record Point(double falsePositiveRate, double truePositiveRate, double threshold) {
    }

    /** The ROC curve from (0, 0) to (1, 1), one point per distinct score, threshold descending. */
    public List<Point> roc() {
        long positives = positives();
        long negatives = size() - positives;
        Integer[] order = IntStream.range(0, size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0, Double.POSITIVE_INFINITY));
        long truePositives = 0;
        long falsePositives = 0;
        int i = 0;
        while (i < order.length) {
            double threshold = scores[order[i]];
            while (i < order.length && scores[order[i]] == threshold) {
                if (labels[order[i]]) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
                i++;
            }
            points.add(new Point(negatives == 0 ? 0 : (double) falsePositives / negatives,
                    positives == 0 ? 0 : (double) truePositives / positives, threshold));
        }
        return points;
    }
}
