package dev.persona.cli.grpc;

import dev.persona.api.v1.SimilarityServiceGrpc;
import dev.persona.api.v1.SimilarityServiceGrpc.SimilarityServiceBlockingStub;

/**
 * A channel to similarity-service that sends the bearer token and the tenant header on every call. Each stub it hands
 * out carries a deadline that starts when the stub is created, so take a fresh stub for each call. One connection
 * serves any number of threads.
 */
public final class SimilarityConnection implements AutoCloseable {

    public static final String SERVICE = "similarity-service";
    /** Neighbour lists hold at most 1,000 entries: gRPC's 4 MiB default is plenty. */
    private static final int MAX_INBOUND_BYTES = 4 * 1024 * 1024;

    private final ServiceChannel channel;

    private SimilarityConnection(ServiceChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens a channel (TLS or plaintext, as the settings say); it connects lazily, so an unreachable target or a
     * refused TLS handshake shows on the first call.
     */
    public static SimilarityConnection open(ConnectionSettings settings) {
        return new SimilarityConnection(ServiceChannel.open(SERVICE, settings, MAX_INBOUND_BYTES));
    }

    public ConnectionSettings settings() {
        return channel.settings();
    }

    /** A stub for one single call, with the unary deadline. */
    public SimilarityServiceBlockingStub unary() {
        return channel.unary(SimilarityServiceGrpc.newBlockingStub(channel.channel()));
    }

    /** A stub for one server-streaming call (BuildNeighbors), with the stream deadline. */
    public SimilarityServiceBlockingStub serverStreaming() {
        return channel.streaming(SimilarityServiceGrpc.newBlockingStub(channel.channel()));
    }

    @Override
    public void close() {
        channel.close();
    }
}
