package dev.persona.cli.grpc;

import dev.persona.api.v1.SegmentServiceGrpc;
import dev.persona.api.v1.SegmentServiceGrpc.SegmentServiceBlockingStub;

/**
 * A channel to segment-service that sends the bearer token and the tenant header on every call. Each stub it hands out
 * carries a deadline that starts when the stub is created, so take a fresh stub for each call. One connection serves
 * any number of threads.
 */
public final class SegmentConnection implements AutoCloseable {

    public static final String SERVICE = "segment-service";
    /** Segmentations list at most 100 segments; members and audiences come in batches of at most 100,000 ids. */
    private static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;

    private final ServiceChannel channel;

    private SegmentConnection(ServiceChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens a channel (TLS or plaintext, as the settings say); it connects lazily, so an unreachable target or a
     * refused TLS handshake shows on the first call.
     */
    public static SegmentConnection open(ConnectionSettings settings) {
        return new SegmentConnection(ServiceChannel.open(SERVICE, settings, MAX_INBOUND_BYTES));
    }

    public ConnectionSettings settings() {
        return channel.settings();
    }

    /** A stub for one single call (GetSegmentation, TrainPredictor, ...), with the unary deadline. */
    public SegmentServiceBlockingStub unary() {
        return channel.unary(SegmentServiceGrpc.newBlockingStub(channel.channel()));
    }

    /**
     * A stub for one call that may run for minutes: the server-streaming calls (BuildSegmentation,
     * ListSegmentMembers, SelectAudience) and TrainPredictor, which cross-validates before it answers.
     */
    public SegmentServiceBlockingStub longRunning() {
        return channel.streaming(SegmentServiceGrpc.newBlockingStub(channel.channel()));
    }

    @Override
    public void close() {
        channel.close();
    }
}
