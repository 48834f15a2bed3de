package dev.persona.recommend.model;

/**
 * The memory a training holds at its peak, from the shape of the data and the parameters, so that a training that
 * cannot fit is refused before it starts rather than failing with an OutOfMemoryError half-way (in the same JVM that
 * serves), and the size of the model it would store. Conservative estimates of the arrays the trainers allocate;
 * the log the training reads is already in memory and not counted.
 */
public final class TrainingFootprint {

    /** The largest value PostgreSQL stores in a bytea column (1 GiB), less room for the header and the ids. */
    public static final long MAX_STORED_BYTES = (1L << 30) - (64L << 20);

    private TrainingFootprint() {
    }

    /** EASE on {@code items} items: the n×n Gram matrix inverted in place (doubles), the weights and their encoding (floats). */
    public static long ease(int items) {
        long cells = (long) items * items;
        return cells * (8 + 4 + 4);
    }

    /** The stored EASE model: n×n float weights. */
    public static long easeStored(int items) {
        return (long) items * items * 4;
    }

    /**
     * ALS with {@code factors} factors: user and item factors and biases (doubles) and their encoding (floats), per-row
     * losses, and each worker thread's k×k system with its right-hand side and row buffer.
     */
    public static long als(int users, int items, int factors, int threads) {
        long entities = (long) users + items;
        long k = factors;
        return entities * (k + 1) * (8 + 4) + entities * 8 + (long) threads * (k * k + 2 * k) * 8 * 2;
    }

    /** The stored ALS model: user and item factors and biases as floats. */
    public static long alsStored(int users, int items, int factors) {
        return ((long) users + items) * (factors + 1L) * 4;
    }
}
