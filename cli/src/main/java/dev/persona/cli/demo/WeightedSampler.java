package dev.persona.cli.demo;

import java.util.Random;

/** Draws indexes 0..n-1 with probability proportional to their weights: a binary search over cumulative weights. */
final class WeightedSampler {

    private final double[] cumulative;

    WeightedSampler(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i]);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("all weights are 0");
        }
    }

    int draw(Random random) {
        double point = random.nextDouble() * cumulative[cumulative.length - 1];
        // The first index whose cumulative weight exceeds the point: never one of weight 0.
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > point) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
