package dev.persona.cli.grpc;

import dev.persona.cli.io.RecordSource;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Sends the records of a source through one client-streaming call with flow control: a record is read and sent
 * only while the transport is ready for more, and the sender waits for the onReady signal otherwise, so memory stays
 * flat however large the file.
 */
public final class StreamUpload {

    /** Starts a client-streaming call, for example {@code stub::recordEvents}. */
    @FunctionalInterface
    public interface Call<Req, Resp> {
        StreamObserver<Req> start(StreamObserver<Resp> responses);
    }

    /** Told how the sending goes, for a progress display. */
    public interface Listener {
        /** {@code records} have been sent so far. */
        void sent(long records);

        /** Every record is sent; the response comes once the service has committed them. */
        void allSent(long records);
    }

    /** What the call answered, and how many records were sent. */
    public record Result<Resp>(long sent, Resp response) {
    }

    private StreamUpload() {
    }

    /**
     * Sends every record, half-closes and waits for the single response. A failure of the call is thrown as a
     * {@link io.grpc.StatusRuntimeException}; a failure while reading cancels the call and is rethrown.
     */
    public static <T, Req, Resp> Result<Resp> send(Call<Req, Resp> call, Function<T, Req> toRequest,
            RecordSource<T> source, Listener listener) throws IOException, InterruptedException {
        Responses<Req, Resp> responses = new Responses<>();
        call.start(responses);
        ClientCallStreamObserver<Req> requests = responses.requests;
        long sent = 0;
        try {
            for (T record = source.next(); record != null; record = source.next()) {
                if (!responses.awaitReady()) {
                    break;
                }
                requests.onNext(toRequest.apply(record));
                listener.sent(++sent);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            requests.cancel("the client stopped sending: " + e.getMessage(), e);
            throw e;
        }
        if (!responses.finished()) {
            requests.onCompleted();
            listener.allSent(sent);
        }
        return new Result<>(sent, responses.await());
    }

    /** Receives the response and relays the transport's readiness to the sending thread. */
    private static final class Responses<Req, Resp> implements ClientResponseObserver<Req, Resp> {

        private final Object lock = new Object();
        private final CountDownLatch done = new CountDownLatch(1);
        private ClientCallStreamObserver<Req> requests;
        private Resp response;
        private Throwable error;

        @Override
        public void beforeStart(ClientCallStreamObserver<Req> requestStream) {
            this.requests = requestStream;
            requestStream.setOnReadyHandler(this::wakeSender);
        }

        /** Waits until the stream takes more; false when the call already ended (the service failed it). */
        boolean awaitReady() throws InterruptedException {
            synchronized (lock) {
                while (!finished() && !requests.isReady()) {
                    lock.wait();
                }
            }
            return !finished();
        }

        boolean finished() {
            return done.getCount() == 0;
        }

        Resp await() throws InterruptedException {
            done.await();
            if (error != null) {
                throw Status.fromThrowable(error).asRuntimeException(Status.trailersFromThrowable(error));
            }
            if (response == null) {
                throw Status.INTERNAL.withDescription("the call ended without a response").asRuntimeException();
            }
            return response;
        }

        @Override
        public void onNext(Resp value) {
            response = value;
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            done.countDown();
            wakeSender();
        }

        @Override
        public void onCompleted() {
            done.countDown();
            wakeSender();
        }

        private void wakeSender() {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }
}
