package dev.persona.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Makes a number of calls from a number of threads, each thread taking the next call as soon as it is free. */
final class ConcurrentCalls {

    /** The most threads a bench may call from. */
    static final int MAX_THREADS = 1_024;

    /** The duration of each call in nanoseconds, by call number, and the wall-clock time of all of them. */
    record Run(long[] nanos, Duration elapsed) {

        double callsPerSecond() {
            long wall = elapsed.toNanos();
            return wall > 0 ? nanos.length * 1e9 / wall : 0;
        }
    }

    private ConcurrentCalls() {
    }

    /**
     * Calls {@code call} with every number from 0 to {@code calls - 1} once, from {@code threads} threads. The first
     * failure stops the threads and is thrown as it is.
     */
    static Run run(int calls, int threads, IntConsumer call) throws InterruptedException {
        long[] nanos = new long[calls];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls && !failed.get(); i = next.getAndIncrement()) {
                        long callStart = System.nanoTime();
                        try {
                            call.accept(i);
                        } catch (RuntimeException | Error e) {
                            failed.set(true);
                            throw e;
                        }
                        nanos[i] = System.nanoTime() - callStart;
                    }
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(nanos, Duration.ofNanos(System.nanoTime() - start));
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
