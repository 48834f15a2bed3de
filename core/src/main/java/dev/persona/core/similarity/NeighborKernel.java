package dev.persona.core.similarity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact top-K neighbour lists, item-item or user-user, computed row by row on a fixed number of threads.
 *
 * <p>Row i is scored against the later rows j &gt; i that share a feature with it ({@link RowScorer}), found by
 * walking the transposed matrix; every metric is symmetric, so each pair is scored once and offered to both rows'
 * lists ({@link NeighborHeaps}). The work is half of Σ over features of (rows with that feature)², with no dense
 * matrix and no candidate that has zero co-raters. Threads take rows in small chunks from a shared counter. A pair's
 * arithmetic never depends on which thread scores it, and every list keeps the best K under a strict total order
 * (higher score, then lower dense index), so the lists are identical bit for bit for any thread count.
 *
 * <p>Memory: per thread, a few accumulators per row (at most five doubles and two ints); shared, the lists
 * themselves (at most K entries per row, grown on demand). Each call starts its own threads and stops them before
 * returning. Interrupting the calling thread stops the computation and throws {@link CancellationException}.
 */
public final class NeighborKernel {

    /** Rows a thread claims at a time: small enough to balance uneven rows, large enough that claims rarely collide. */
    private static final int CHUNK = 16;

    private final int threads;

    /** A kernel that uses {@code threads} threads (at least 1; 1 computes on the calling thread). */
    public NeighborKernel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * Item-item lists: rows are the matrix's items, compared through their users.
     *
     * @throws CancellationException if the calling thread is interrupted meanwhile (its interrupt flag stays set)
     */
    public NeighborLists itemNeighbors(InteractionMatrix matrix, NeighborParams params) {
        return itemNeighbors(matrix, params, RowProgress.NONE);
    }

    /** {@link #itemNeighbors(InteractionMatrix, NeighborParams)}, reporting rows done to {@code progress}. */
    public NeighborLists itemNeighbors(InteractionMatrix matrix, NeighborParams params, RowProgress progress) {
        return compute(matrix.byItem(), matrix.byUser(), params, progress);
    }

    /**
     * User-user lists: rows are the matrix's users, compared through their items.
     *
     * @throws CancellationException if the calling thread is interrupted meanwhile (its interrupt flag stays set)
     */
    public NeighborLists userNeighbors(InteractionMatrix matrix, NeighborParams params) {
        return userNeighbors(matrix, params, RowProgress.NONE);
    }

    /** {@link #userNeighbors(InteractionMatrix, NeighborParams)}, reporting rows done to {@code progress}. */
    public NeighborLists userNeighbors(InteractionMatrix matrix, NeighborParams params, RowProgress progress) {
        return compute(matrix.byUser(), matrix.byItem(), params, progress);
    }

    private NeighborLists compute(SparseRows rows, SparseRows features, NeighborParams params, RowProgress progress) {
        PreparedRows data = PreparedRows.of(params.metric(), rows, features);
        int numRows = rows.numRows;
        int capacity = Math.max(1, Math.min(params.k(), numRows - 1));
        NeighborHeaps heaps = new NeighborHeaps(numRows, capacity);
        AtomicInteger nextRow = new AtomicInteger();
        AtomicInteger rowsDone = new AtomicInteger();
        List<RowWorker> workers = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
            workers.add(new RowWorker(new RowScorer(data, params, heaps, capacity), nextRow, CHUNK, numRows,
                    rowsDone, progress));
        }
        if (threads == 1) {
            workers.get(0).run();
        } else {
            runAll(workers);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("neighbour computation interrupted");
        }
        return heaps.assemble();
    }

    private void runAll(List<RowWorker> workers) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "persona-neighbors");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>(workers.size());
            for (RowWorker worker : workers) {
                running.add(pool.submit(worker));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("neighbour computation interrupted");
        } catch (ExecutionException e) {
            // A progress listener that stops the work (a cancelled call) throws; its exception reaches the caller.
            if (e.getCause() instanceof RuntimeException stop) {
                throw stop;
            }
            throw new IllegalStateException("neighbour computation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
