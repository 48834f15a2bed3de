package dev.persona.segment.kmeans;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a body over a fixed number of blocks on a fixed number of threads. Threads claim blocks from a shared
 * counter; a block's work must depend only on the block, never on the thread, and each block writes its own
 * results, which the caller then merges in block order. Results are therefore identical for any thread count.
 *
 * <p>Interrupting the calling thread stops the work and throws {@link CancellationException} (the interrupt flag
 * stays set).
 */
final class Blocks implements AutoCloseable {

    private final int threads;
    private ExecutorService pool;

    Blocks(int threads) {
        this.threads = threads;
    }

    /** Number of blocks for {@code n} items when each block keeps {@code perBlockState} doubles of partial results. */
    static int count(int n, long perBlockState) {
        int byItems = (int) Math.max(1, (n + 4095L) / 4096);
        long byMemory = Math.max(1, (1L << 24) / Math.max(1, perBlockState));
        return (int) Math.max(1, Math.min(Math.min(byItems, byMemory), 1024));
    }

    /** First item of block {@code b} of {@code blocks} over {@code n} items. */
    static int start(int n, int blocks, int b) {
        return (int) ((long) n * b / blocks);
    }

    void forEach(int count, IntConsumer body) {
        if (threads == 1 || count == 1) {
            for (int b = 0; b < count; b++) {
                checkInterrupted();
                body.accept(b);
            }
            checkInterrupted();
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "persona-kmeans");
                thread.setDaemon(true);
                return thread;
            });
        }
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, count);
        List<Future<?>> running = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            running.add(pool.submit(() -> {
                int b;
                while ((b = next.getAndIncrement()) < count) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    body.accept(b);
                }
            }));
        }
        try {
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Future<?> future : running) {
                future.cancel(true);
            }
            throw new CancellationException("clustering interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("clustering failed", cause);
        }
        checkInterrupted();
    }

    static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("clustering interrupted");
        }
    }

    static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
