package dev.persona.similarity.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's share of a neighbour computation: claims chunks of rows from a shared counter and scores each. Stops
 * early if its thread is interrupted (the caller then reports cancellation).
 */
final class RowWorker implements Runnable {

    private final RowScorer scorer;
    private final AtomicInteger nextRow;
    private final int chunk;
    private final int numRows;

    RowWorker(RowScorer scorer, AtomicInteger nextRow, int chunk, int numRows) {
        this.scorer = scorer;
        this.nextRow = nextRow;
        this.chunk = chunk;
        this.numRows = numRows;
    }

    @Override
    public void run() {
        for (int from = nextRow.getAndAdd(chunk); from < numRows; from = nextRow.getAndAdd(chunk)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            for (int row = from, to = Math.min(numRows, from + chunk); row < to; row++) {
                scorer.score(row);
            }
        }
    }
}
