package dev.persona.profile.grpc;

import dev.persona.common.grpc.ErrorMapper;
import dev.persona.common.grpc.GrpcCalls;
import dev.persona.profile.service.BatchImport;
import dev.persona.profile.service.ImportResult;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The three call shapes of ProfileService in plain grpc-java, with gRPC flow control honoured both ways:
 * a client stream is read only as fast as the import takes it (a slow database slows the sender instead of
 * filling memory), and a server stream produces its next page only when the transport is ready. Failures are
 * mapped by {@link ErrorMapper}.
 */
final class Calls {

    private Calls() {
    }

    /** Produces the pages of a server stream: the next message, or null at the end. */
    @FunctionalInterface
    interface Pager<T> {
        T next();
    }

    /**
     * Streams pages while the transport is ready and resumes when it becomes ready again. {@code open} validates
     * the request and creates the pager when the first page is due, so its errors become the call's status too.
     * Listener callbacks of a call are delivered one at a time, so {@code drain} never runs concurrently with itself.
     */
    static <T> void serverStream(StreamObserver<T> out, Supplier<Pager<T>> open) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) out;
        boolean[] done = {false};
        List<Pager<T>> pager = new ArrayList<>(1);
        Runnable drain = () -> {
            try {
                while (!done[0] && call.isReady() && !call.isCancelled()) {
                    if (pager.isEmpty()) {
                        pager.add(open.get());
                    }
                    T next = pager.get(0).next();
                    if (next == null) {
                        done[0] = true;
                        call.onCompleted();
                        return;
                    }
                    call.onNext(next);
                }
            } catch (RuntimeException e) {
                done[0] = true;
                call.onError(ErrorMapper.toStatus(e).asRuntimeException());
            }
        };
        call.setOnReadyHandler(drain);
        drain.run();
    }

    /** What a client stream feeds: one message at a time, then the end of the stream. */
    interface Sink<M, R> {
        void accept(M message);

        R finish();
    }

    /**
     * Reads a client stream into {@code sink} with manual flow control: messages arrive on the transport thread
     * and are handed over in chunks to one worker task at a time, in order; at most {@code window} messages are
     * requested ahead of what the sink has taken, so a batch being committed holds the sender back while the
     * next chunk is already on its way. After a failure the rest of the stream is ignored.
     */
    static <M, R> StreamObserver<M> clientStream(StreamObserver<R> out, int chunk, int window, Sink<M, R> sink) {
        ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) out;
        call.disableAutoRequest();
        call.request(window);
        Executor serial = new SerialExecutor(Infrastructure.getDefaultWorkerPool());
        return new StreamObserver<>() {
            private List<M> pending = new ArrayList<>(chunk);
            private volatile boolean failed;

            @Override
            public void onNext(M message) {
                pending.add(message);
                if (pending.size() == chunk) {
                    List<M> taken = pending;
                    pending = new ArrayList<>(chunk);
                    serial.execute(() -> {
                        take(taken);
                        if (!failed) {
                            call.request(taken.size());
                        }
                    });
                }
            }

            @Override
            public void onError(Throwable t) {
                failed = true;
            }

            @Override
            public void onCompleted() {
                List<M> taken = pending;
                serial.execute(() -> {
                    take(taken);
                    if (!failed) {
                        GrpcCalls.unary(out, sink::finish);
                    }
                });
            }

            private void take(List<M> messages) {
                if (failed) {
                    return;
                }
                try {
                    messages.forEach(sink::accept);
                } catch (RuntimeException e) {
                    failed = true;
                    out.onError(ErrorMapper.toStatus(e).asRuntimeException());
                }
            }
        };
    }

    /** Runs tasks one after another, in submission order, on a shared pool. */
    private static final class SerialExecutor implements Executor {
        private final Executor pool;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();

        SerialExecutor(Executor pool) {
            this.pool = pool;
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
            schedule();
        }

        private void schedule() {
            if (running.compareAndSet(false, true)) {
                pool.execute(() -> {
                    try {
                        Runnable next;
                        while ((next = tasks.poll()) != null) {
                            next.run();
                        }
                    } finally {
                        running.set(false);
                        if (!tasks.isEmpty()) {
                            schedule();
                        }
                    }
                });
            }
        }
    }

    /** A sink that validates each message into an import session and answers with its summary. */
    static <M, V, R> Sink<M, R> importing(BatchImport<V> session, Function<M, V> validate, Function<ImportResult, R> answer) {
        return new Sink<>() {
            @Override
            public void accept(M message) {
                session.offer(() -> validate.apply(message));
            }

            @Override
            public R finish() {
                return answer.apply(session.finish());
            }
        };
    }
}
