package dev.persona.core.similarity;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One thread's share of a neighbour computation: claims chunks of rows from a shared counter, scores each and reports
 * the rows done after every chunk. Stops early if its thread is interrupted (the caller then reports cancellation).
 */
final class RowWorker implements Runnable {

    private final RowScorer scorer;
    private final AtomicInteger nextRow;
    private final int chunk;
    private final int numRows;
    private final AtomicInteger rowsDone;
    private final RowProgress progress;

    RowWorker(RowScorer scorer, AtomicInteger nextRow, int chunk, int numRows, AtomicInteger rowsDone,
              RowProgress progress) {
        this.scorer = scorer;
        this.nextRow = nextRow;
        this.chunk = chunk;
        this.numRows = numRows;
        this.rowsDone = rowsDone;
        this.progress = progress;
    }

    @Override
    public void run() {
        for (int from = nextRow.getAndAdd(chunk); from < numRows; from = nextRow.getAndAdd(chunk)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            int to = Math.min(numRows, from + chunk);
            for (int row = from; row < to; row++) {
                scorer.score(row);
            }
            progress.rowsDone(rowsDone.addAndGet(to - from), numRows);
        }
    }
}
