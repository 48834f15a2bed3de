package dev.persona.cli.grpc;

import dev.persona.api.v1.RecommendServiceGrpc;
import dev.persona.api.v1.RecommendServiceGrpc.RecommendServiceBlockingStub;

/**
 * A channel to recommend-service that sends the bearer token and the tenant header on every call. Each stub it hands
 * out carries a deadline that starts when the stub is created, so take a fresh stub for each call. One connection
 * serves any number of threads.
 */
public final class RecommendConnection implements AutoCloseable {

    public static final String SERVICE = "recommend-service";
    /** Lists hold at most 1,000 recommendations: gRPC's 4 MiB default is plenty. */
    private static final int MAX_INBOUND_BYTES = 4 * 1024 * 1024;

    private final ServiceChannel channel;

    private RecommendConnection(ServiceChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens a channel (TLS or plaintext, as the settings say); it connects lazily, so an unreachable target or a
     * refused TLS handshake shows on the first call.
     */
    public static RecommendConnection open(ConnectionSettings settings) {
        return new RecommendConnection(ServiceChannel.open(SERVICE, settings, MAX_INBOUND_BYTES));
    }

    public ConnectionSettings settings() {
        return channel.settings();
    }

    /** A stub for one single call, with the unary deadline. */
    public RecommendServiceBlockingStub unary() {
        return channel.unary(RecommendServiceGrpc.newBlockingStub(channel.channel()));
    }

    /** A stub for one server-streaming call (TrainModel), with the stream deadline. */
    public RecommendServiceBlockingStub serverStreaming() {
        return channel.streaming(RecommendServiceGrpc.newBlockingStub(channel.channel()));
    }

    @Override
    public void close() {
        channel.close();
    }
}
