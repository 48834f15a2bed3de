package dev.persona.recommend.model;

/** Hears of each finished training iteration. Called on the training thread. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (iteration, total, loss) -> { };

    /**
     * One iteration is done.
     *
     * @param iteration iterations done so far, 1 to {@code total}
     * @param total     iterations of the whole training
     * @param loss      the training objective after this iteration where the model defines one, 0 otherwise
     */
    void onIteration(int iteration, int total, double loss);
}
