package dev.persona.common.grpc;

import dev.persona.api.v1.Progress;
import dev.persona.common.error.ApiError;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The server stream of a long-running RPC (BuildNeighbors, TrainModel, EvaluateOffline, BuildSegmentation,
 * TrainPredictor, SelectAudience), written from the worker threads of the work it reports on. Every streaming RPC
 * uses it, so they all behave alike:
 * <ul>
 *   <li><b>throttle</b>: a progress message is sent for the first report of a phase, for a phase's start (done 0) and
 *       end (done ≥ total), and otherwise at most one every {@value #EVERY_MS} ms; {@code done} is capped at
 *       {@code total};</li>
 *   <li><b>cancel</b>: once the caller cancels, the next progress or data message throws ABORTED instead of sending,
 *       so the work unwinds and stops (nothing it had not committed is kept), and nothing more is sent;</li>
 *   <li><b>end</b>: exactly one of a final message and completion, or an error mapped by {@link ErrorMapper}; never
 *       an error after completion.</li>
 * </ul>
 * Sends are serialised, so reports may come from several threads.
 *
 * @param <T> the RPC's response message
 */
public final class ProgressStream<T> {

    /** The least time between two throttled progress messages of one phase. */
    public static final long EVERY_MS = 200;
    private static final long EVERY_NANOS = EVERY_MS * 1_000_000;

    private final ServerCallStreamObserver<T> call;
    private final Function<Progress, T> wrap;
    private String phase;
    private long lastSent;
    private boolean ended;

    /**
     * @param out  the RPC's response observer
     * @param wrap puts a progress report into a response message
     */
    public ProgressStream(StreamObserver<T> out, Function<Progress, T> wrap) {
        this.call = (ServerCallStreamObserver<T>) out;
        this.wrap = wrap;
    }

    /** A stream of data messages only (no progress reports), with the same cancel and end behaviour. */
    public ProgressStream(StreamObserver<T> out) {
        this(out, progress -> {
            throw new IllegalStateException("this stream sends no progress");
        });
    }

    /**
     * Runs the work on this thread and ends the stream: with the message it returns (null: none) and completion, or
     * with its failure as a status. The work reports through {@link #progress} and {@link #next}.
     */
    public void run(Supplier<T> work) {
        T last;
        try {
            last = work.get();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        finish(last);
    }

    /** Reports {@code done} of {@code total} (0 when unknown) in {@code phase}, throttled. */
    public void progress(String phase, long done, long total) {
        progress(phase, done, total, 0);
    }

    /**
     * Reports {@code done} of {@code total} in {@code phase} with the loss after this step (a training iteration),
     * throttled; the message is built only when it is sent.
     */
    public synchronized void progress(String phase, long done, long total, double loss) {
        boolean edge = done == 0 || (total > 0 && done >= total);
        long now = System.nanoTime();
        if (phase.equals(this.phase) && !edge && now - lastSent < EVERY_NANOS) {
            return;
        }
        this.phase = phase;
        lastSent = now;
        next(wrap.apply(Progress.newBuilder().setPhase(phase).setDone(total > 0 ? Math.min(done, total) : done)
                .setTotal(total).setLoss(loss).build()));
    }

    /** Sends a data message; throws ABORTED when the caller has cancelled. */
    public synchronized void next(T message) {
        if (call.isCancelled()) {
            throw ApiError.aborted("the caller cancelled the call");
        }
        if (!ended) {
            call.onNext(message);
        }
    }

    private synchronized void finish(T last) {
        if (ended || call.isCancelled()) {
            return;
        }
        if (last != null) {
            call.onNext(last);
        }
        ended = true;
        call.onCompleted();
    }

    private synchronized void fail(RuntimeException e) {
        if (ended || call.isCancelled()) {
            return;
        }
        ended = true;
        call.onError(ErrorMapper.toStatus(e).asRuntimeException());
    }
}
