package dev.persona.recommend.knn;

/**
 * How the neighbours' similarities weigh in a kNN ranking: each similarity s counts as sign(s)·|s|^power ("case
 * amplification", Breese, Heckerman, Kadie, UAI 1998: the closest neighbours count more), and with {@code normalised}
 * each neighbour list is scaled so that its weights' magnitudes sum to 1, so every history item has the same say
 * however similar its neighbours are to it. Rating predictions do not use it.
 *
 * @param power      1 or more; 1 leaves similarities as they are
 * @param normalised whether each list is scaled to a unit sum (item-kNN; scaling the one user list changes nothing)
 */
public record KnnWeighting(double power, boolean normalised) {

    /** The plain sums of the original algorithms (what the peers compute). */
    public static final KnnWeighting PLAIN = new KnnWeighting(1, false);

    public KnnWeighting {
        if (!(power >= 1) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power must be finite and 1 or more, got " + power);
        }
    }

    /** The weight of a similarity. */
    public double weigh(double similarity) {
        if (power == 1) {
            return similarity;
        }
        if (power == 2) {
            return similarity * Math.abs(similarity);
        }
        if (power == 3) {
            return similarity * similarity * similarity;
        }
        return Math.signum(similarity) * Math.pow(Math.abs(similarity), power);
    }
}
