package dev.persona.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Progress;
import dev.persona.common.error.ApiError;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressStreamTest {

    /** A call that records what was sent and can be cancelled by the test. */
    static final class RecordingCall extends ServerCallStreamObserver<Progress> {
        final List<Progress> sent = new ArrayList<>();
        Throwable error;
        boolean completed;
        volatile boolean cancelled;

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {
        }

        @Override
        public void setCompression(String compression) {
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {
        }

        @Override
        public void request(int count) {
        }

        @Override
        public void setMessageCompression(boolean enable) {
        }

        @Override
        public void disableAutoInboundFlowControl() {
        }

        @Override
        public void onNext(Progress value) {
            sent.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }

    private static ProgressStream<Progress> stream(RecordingCall call) {
        return new ProgressStream<>(call, p -> p);
    }

    @Test
    void sendsEachPhaseStartAndEndAndThrottlesTheMiddle() {
        RecordingCall call = new RecordingCall();
        ProgressStream<Progress> stream = stream(call);
        stream.run(() -> {
            for (int done = 0; done <= 1000; done++) {
                stream.progress("compute", done, 1000);
            }
            stream.progress("write", 5, 10);
            stream.progress("write", 12, 10);
            return Progress.newBuilder().setPhase("result").build();
        });
        List<String> shape = call.sent.stream().map(p -> p.getPhase() + " " + p.getDone()).toList();
        assertEquals("compute 0", shape.get(0));
        assertTrue(shape.contains("compute 1000"), shape.toString());
        assertTrue(shape.size() < 20, "a tight loop is throttled: " + shape.size() + " messages");
        // A new phase always shows; done is capped at total.
        assertTrue(shape.contains("write 5"));
        assertTrue(shape.contains("write 10"));
        assertEquals("result 0", shape.get(shape.size() - 1));
        assertTrue(call.completed);
        assertNull(call.error);
    }

    @Test
    void aCancelledCallStopsTheWorkAndSendsNothingMore() {
        RecordingCall call = new RecordingCall();
        ProgressStream<Progress> stream = stream(call);
        AtomicInteger steps = new AtomicInteger();
        stream.run(() -> {
            for (int done = 0; done < 100; done++) {
                if (done == 10) {
                    call.cancelled = true;
                }
                steps.incrementAndGet();
                stream.progress("phase" + done, done, 100);
            }
            return Progress.newBuilder().setPhase("result").build();
        });
        assertEquals(11, steps.get(), "the first report after the cancel throws");
        assertEquals(10, call.sent.size());
        assertFalse(call.completed);
        assertNull(call.error, "a cancelled call gets no error either");
        ApiError aborted = assertThrows(ApiError.class, () -> stream.next(Progress.getDefaultInstance()));
        assertEquals(ApiError.Kind.ABORTED, aborted.kind());
    }

    @Test
    void aFailureEndsTheStreamWithItsStatusOnce() {
        RecordingCall call = new RecordingCall();
        ProgressStream<Progress> stream = new ProgressStream<>(call);
        stream.run(() -> {
            stream.next(Progress.newBuilder().setPhase("data").build());
            throw ApiError.invalid("k", "must be 1 or more");
        });
        assertEquals(1, call.sent.size());
        assertFalse(call.completed);
        Status status = ((StatusRuntimeException) call.error).getStatus();
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertTrue(status.getDescription().contains("k"), status.getDescription());
    }
}
