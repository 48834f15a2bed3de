package dev.persona.cli.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ImportSummary;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.RecordEventsRequest;
import dev.persona.api.v1.RecordEventsResponse;
import dev.persona.cli.TestServer;
import dev.persona.cli.io.RecordSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamUploadTest {

    private static final long MANY = 1_000_000;
    private static final StreamUpload.Listener NO_LISTENER = new StreamUpload.Listener() {
        @Override
        public void sent(long records) {
        }

        @Override
        public void allSent(long records) {
        }
    };

    /** Events generated on demand, counting how many were read; reading fails at {@code failAt}. */
    private static final class CountingEvents implements RecordSource<Event> {
        private final long total;
        private final long failAt;
        final AtomicLong read = new AtomicLong();

        CountingEvents(long total) {
            this(total, -1);
        }

        CountingEvents(long total, long failAt) {
            this.total = total;
            this.failAt = failAt;
        }

        @Override
        public Event next() throws IOException {
            long n = read.get();
            if (n == failAt) {
                throw new IOException("disk gone");
            }
            if (n == total) {
                return null;
            }
            read.incrementAndGet();
            return Event.newBuilder().setEventId("e-" + n).setUserId("u").setItemId("i")
                    .setType(EventType.EVENT_TYPE_VIEW).setOccurredAt(Timestamps.fromSeconds(1_000_000_000L)).build();
        }

        @Override
        public long done() {
            return read.get();
        }

        @Override
        public long total() {
            return total;
        }
    }

    /** Takes messages only when the test asks, as a slow service would. */
    private static final class ThrottledService extends ProfileServiceGrpc.ProfileServiceImplBase {
        final AtomicReference<ServerCallStreamObserver<RecordEventsResponse>> call = new AtomicReference<>();
        final AtomicLong received = new AtomicLong();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch cancelled = new CountDownLatch(1);
        final int initialRequests;

        ThrottledService(int initialRequests) {
            this.initialRequests = initialRequests;
        }

        @Override
        public StreamObserver<RecordEventsRequest> recordEvents(StreamObserver<RecordEventsResponse> responses) {
            ServerCallStreamObserver<RecordEventsResponse> serverCall =
                    (ServerCallStreamObserver<RecordEventsResponse>) responses;
            serverCall.disableAutoRequest();
            serverCall.request(initialRequests);
            call.set(serverCall);
            started.countDown();
            return new StreamObserver<>() {
                @Override
                public void onNext(RecordEventsRequest request) {
                    received.incrementAndGet();
                }

                @Override
                public void onError(Throwable t) {
                    cancelled.countDown();
                }

                @Override
                public void onCompleted() {
                    responses.onNext(RecordEventsResponse.newBuilder()
                            .setSummary(ImportSummary.newBuilder().setReceived(received.get())).build());
                    responses.onCompleted();
                }
            };
        }
    }

    private static ConnectionSettings settings(TestServer server) {
        return new ConnectionSettings(server.target(), ChannelSecurity.insecure(), "t", false, Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    private static StreamUpload.Result<RecordEventsResponse> send(ProfileConnection connection,
            RecordSource<Event> source) throws IOException, InterruptedException {
        return StreamUpload.send(connection.streaming()::recordEvents,
                e -> RecordEventsRequest.newBuilder().setEvent(e).build(), source, NO_LISTENER);
    }

    @Test
    void theSenderReadsNoFurtherAheadThanTheTransportTakesAndFinishesWhenTheServiceCatchesUp() throws Exception {
        ThrottledService service = new ThrottledService(10);
        CountingEvents source = new CountingEvents(MANY);
        try (TestServer server = new TestServer(service);
                ProfileConnection connection = ProfileConnection.open(settings(server))) {
            CompletableFuture<StreamUpload.Result<RecordEventsResponse>> upload = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(connection, source);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(service.started.await(10, TimeUnit.SECONDS));
            // Without flow control all million events would be read and queued in memory; with it, reading stops
            // once the HTTP/2 window and the transport's small buffer are full. Wait until reading stands still
            // (however slow the machine), then check where it stopped.
            long readWhileStalled = -1;
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                long before = source.read.get();
                Thread.sleep(300);
                if (source.read.get() == before) {
                    readWhileStalled = before;
                    break;
                }
            }
            assertTrue(readWhileStalled > 0, "the sender never stood still");
            assertTrue(readWhileStalled < MANY / 10, "read " + readWhileStalled + " while the service took 10");

            service.call.get().request(Integer.MAX_VALUE);
            StreamUpload.Result<RecordEventsResponse> result = upload.get(60, TimeUnit.SECONDS);
            assertEquals(MANY, result.sent());
            assertEquals(MANY, result.response().getSummary().getReceived());
        }
    }

    @Test
    void aFailingSourceCancelsTheCallAndIsRethrown() throws Exception {
        ThrottledService service = new ThrottledService(Integer.MAX_VALUE);
        CountingEvents failing = new CountingEvents(MANY, 100);
        try (TestServer server = new TestServer(service);
                ProfileConnection connection = ProfileConnection.open(settings(server))) {
            IOException e = assertThrows(IOException.class, () -> send(connection, failing));
            assertEquals("disk gone", e.getMessage());
            assertTrue(service.cancelled.await(10, TimeUnit.SECONDS), "the service should see the call cancelled");
        }
    }

    @Test
    void aServiceThatFailsTheCallStopsTheSenderWithItsStatus() throws Exception {
        ProfileServiceGrpc.ProfileServiceImplBase refusing = new ProfileServiceGrpc.ProfileServiceImplBase() {
            @Override
            public StreamObserver<RecordEventsRequest> recordEvents(StreamObserver<RecordEventsResponse> responses) {
                responses.onError(Status.RESOURCE_EXHAUSTED.withDescription("too big").asRuntimeException());
                return new StreamObserver<>() {
                    @Override
                    public void onNext(RecordEventsRequest value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                };
            }
        };
        CountingEvents source = new CountingEvents(MANY);
        try (TestServer server = new TestServer(refusing);
                ProfileConnection connection = ProfileConnection.open(settings(server))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> send(connection, source));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            assertEquals("too big", e.getStatus().getDescription());
            assertTrue(source.read.get() < MANY, "the sender should stop early");
        }
    }
}
