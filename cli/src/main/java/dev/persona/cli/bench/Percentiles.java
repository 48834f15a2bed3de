package dev.persona.cli.bench;

import java.util.Arrays;

/**
 * Percentiles of a sample by the nearest-rank method: the p-th percentile (0 &lt; p &le; 100) is the value of rank
 * ⌈p/100 · n⌉ in ascending order, the smallest sample value with at least p % of the sample at or below it. It
 * always returns a measured value, never an interpolation (see "Percentile", nearest-rank method, on Wikipedia).
 */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Sorts a copy of the sample, which must not be empty. */
    public static Percentiles of(long[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        long[] sorted = sample.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    public long at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public long max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return sum / sorted.length;
    }
}
