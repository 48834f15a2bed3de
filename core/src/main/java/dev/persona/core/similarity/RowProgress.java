package dev.persona.core.similarity;

/**
 * Receives the progress of a neighbour computation: after every chunk of rows, the number of rows done so far (over
 * all threads) and the total. Called from the worker threads, possibly concurrently, so the values one listener sees
 * may arrive slightly out of order; implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface RowProgress {

    /** A listener that ignores progress. */
    RowProgress NONE = (done, total) -> { };

    void rowsDone(int done, int total);
}
