package dev.persona.recommend.knn;

import java.util.OptionalDouble;

/**
 * The similarity-weighted mean deviation Σ s·d / Σ |s| over at most k neighbours, the common core of the Resnick and
 * Sarwar predictions. Neighbours are offered best first and the first k offered count.
 */
final class DeviationAverage {

    private final int k;
    private int used;
    private double weighted;
    private double absoluteSimilarity;

    DeviationAverage(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
    }

    /** Counts one neighbour of similarity {@code s} whose deviation is {@code d}; true once k neighbours count. */
    boolean add(double s, double d) {
        weighted += s * d;
        absoluteSimilarity += Math.abs(s);
        return ++used == k;
    }

    /**
     * The prediction base + Σ s·d / Σ |s| clipped to {@code scale}; empty when no neighbour counted or every
     * similarity was 0.
     */
    OptionalDouble around(double base, RatingScale scale) {
        return absoluteSimilarity > 0
                ? OptionalDouble.of(scale.clip(base + weighted / absoluteSimilarity))
                : OptionalDouble.empty();
    }
}
