package dev.persona.recommend.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of worker threads for one training: the calling thread is worker 0, {@code threads − 1} pool threads
 * the others. Ranges are handed out in chunks from a shared counter; which worker runs which chunk varies, so tasks
 * must make a row's result depend on the row alone. An interrupt of the calling thread stops every worker at its
 * next chunk and surfaces as {@link InterruptedException}.
 */
final class Workers implements AutoCloseable {

    /** Work on rows {@code from} (inclusive) to {@code to} (exclusive), with the scratch space of {@code worker}. */
    @FunctionalInterface
    interface RangeTask {
        void run(int worker, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    Workers(int threads) {
        this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "model-trainer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The number of workers (the calling thread included). */
    int count() {
        return threads;
    }

    /** Runs {@code task} over rows 0..n−1 in chunks of {@code chunk}; returns when all are done. */
    void forRange(int n, int chunk, RangeTask task) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("training cancelled");
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>(threads - 1);
        for (int w = 1; w < threads; w++) {
            int worker = w;
            futures.add(pool.submit(() -> loop(worker, n, chunk, next, stop, task)));
        }
        Throwable failure = null;
        try {
            loop(0, n, chunk, next, stop, task);
        } catch (RuntimeException | Error e) {
            stop.set(true);
            failure = e;
        }
        boolean interrupted = Thread.interrupted();
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                } catch (ExecutionException e) {
                    stop.set(true);
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        if (interrupted || stop.get()) {
            throw new InterruptedException("training cancelled");
        }
    }

    private static void loop(int worker, int n, int chunk, AtomicInteger next, AtomicBoolean stop, RangeTask task) {
        boolean caller = worker == 0;
        while (!stop.get()) {
            if (caller && Thread.currentThread().isInterrupted()) {
                stop.set(true);
                return;
            }
            int from = next.getAndAdd(chunk);
            if (from >= n) {
                return;
            }
            task.run(worker, from, Math.min(n, from + chunk));
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
