package dev.persona.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ROC curve of scores against binary labels: for each distinct score t, from the highest down, the false and true
 * positive rates when every row scoring at least t is predicted positive. The curve starts at (0, 0), whose threshold
 * is just above the highest score, and ends at (1, 1), whose threshold is the lowest score.
 */
public final class Roc {

    /**
     * One point of the curve.
     *
     * @param falsePositiveRate FP / negatives
     * @param truePositiveRate  TP / positives
     * @param threshold         rows scoring at least this are predicted positive
     */
    public record Point(double falsePositiveRate, double truePositiveRate, double threshold) {
    }

    private Roc() {
    }

    /** The full curve: one point per distinct score, plus (0, 0). Needs both classes. */
    public static List<Point> curve(boolean[] label, double[] score) {
        if (label == null || score == null || label.length != score.length || label.length == 0) {
            throw new IllegalArgumentException("labels and scores must have the same, non-zero length");
        }
        int n = label.length;
        Integer[] order = new Integer[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (Double.isNaN(score[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            if (label[i]) {
                pos++;
            }
        }
        int neg = n - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("a ROC curve needs both classes");
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        List<Point> points = new ArrayList<>();
        points.add(new Point(0, 0, Math.nextUp(score[order[0]])));
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < n) {
            double t = score[order[i]];
            while (i < n && score[order[i]] == t) {
                if (label[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            points.add(new Point((double) fp / neg, (double) tp / pos, t));
        }
        return List.copyOf(points);
    }

    /**
     * The curve with at most {@code maxPoints} points (at least 2): the first and the last point always, and between
     * them points evenly spaced along the curve's length, so steep and flat stretches both keep their shape.
     */
    public static List<Point> curve(boolean[] label, double[] score, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
        }
        return thin(curve(label, score), maxPoints);
    }

    /** {@code points} thinned to at most {@code maxPoints} by arc length, keeping the first and the last. */
    static List<Point> thin(List<Point> points, int maxPoints) {
        int m = points.size();
        if (m <= maxPoints) {
            return points;
        }
        double[] at = new double[m];
        for (int i = 1; i < m; i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            at[i] = at[i - 1] + Math.hypot(b.falsePositiveRate() - a.falsePositiveRate(),
                    b.truePositiveRate() - a.truePositiveRate());
        }
        double total = at[m - 1];
        List<Point> out = new ArrayList<>();
        out.add(points.get(0));
        int last = 0;
        for (int s = 1; s < maxPoints - 1; s++) {
            double target = total * s / (maxPoints - 1);
            int i = last + 1;
            while (i < m - 1 && at[i] < target) {
                i++;
            }
            if (i < m - 1 && i > last) {
                out.add(points.get(i));
                last = i;
            }
        }
        out.add(points.get(m - 1));
        return List.copyOf(out);
    }
}
