package dev.persona.cli.grpc;

import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import dev.persona.api.v1.ProfileServiceGrpc.ProfileServiceStub;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * A channel to profile-service that sends the tenant header on every call. Each stub it hands out carries a
 * deadline that starts when the stub is created, so take a fresh stub for each call.
 */
public final class ProfileConnection implements AutoCloseable {

    static final Metadata.Key<String> TENANT_HEADER = Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);
    /** Export batches hold up to 50,000 interactions, well above gRPC's 4 MiB default. */
    private static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;
    private static final long SHUTDOWN_SECONDS = 5;

    private final ConnectionSettings settings;
    private final ManagedChannel managedChannel;
    private final Channel channel;

    private ProfileConnection(ConnectionSettings settings, ManagedChannel managedChannel) {
        this.settings = settings;
        this.managedChannel = managedChannel;
        Metadata headers = new Metadata();
        headers.put(TENANT_HEADER, settings.tenant());
        this.channel = ClientInterceptors.intercept(managedChannel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Opens a plaintext channel; it connects lazily, so an unreachable target shows on the first call. */
    public static ProfileConnection open(ConnectionSettings settings) {
        ManagedChannel managedChannel = Grpc.newChannelBuilder(settings.target(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(MAX_INBOUND_BYTES)
                .build();
        return new ProfileConnection(settings, managedChannel);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** A stub for one single call, with the unary deadline. */
    public ProfileServiceBlockingStub unary() {
        return ProfileServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(settings.unaryDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stub for one client-streaming call (imports), with the stream deadline. */
    public ProfileServiceStub streaming() {
        return ProfileServiceGrpc.newStub(channel)
                .withDeadlineAfter(settings.streamDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A stub for one server-streaming call (exports), with the stream deadline. */
    public ProfileServiceBlockingStub serverStreaming() {
        return ProfileServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(settings.streamDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        managedChannel.shutdown();
        try {
            if (!managedChannel.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                managedChannel.shutdownNow();
            }
        } catch (InterruptedException e) {
            managedChannel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
