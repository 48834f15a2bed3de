package dev.persona.cli.grpc;

import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import dev.persona.api.v1.ProfileServiceGrpc.ProfileServiceStub;

/**
 * A channel to profile-service that sends the bearer token and the tenant header on every call. Each stub it hands out
 * carries a deadline that starts when the stub is created, so take a fresh stub for each call.
 */
public final class ProfileConnection implements AutoCloseable {

    public static final String SERVICE = "profile-service";
    /** Export batches hold up to 50,000 interactions, well above gRPC's 4 MiB default. */
    private static final int MAX_INBOUND_BYTES = 64 * 1024 * 1024;

    private final ServiceChannel channel;

    private ProfileConnection(ServiceChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens a channel (TLS or plaintext, as the settings say); it connects lazily, so an unreachable target or a
     * refused TLS handshake shows on the first call.
     */
    public static ProfileConnection open(ConnectionSettings settings) {
        return new ProfileConnection(ServiceChannel.open(SERVICE, settings, MAX_INBOUND_BYTES));
    }

    public ConnectionSettings settings() {
        return channel.settings();
    }

    /** A stub for one single call, with the unary deadline. */
    public ProfileServiceBlockingStub unary() {
        return channel.unary(ProfileServiceGrpc.newBlockingStub(channel.channel()));
    }

    /** A stub for one client-streaming call (imports), with the stream deadline. */
    public ProfileServiceStub streaming() {
        return channel.streaming(ProfileServiceGrpc.newStub(channel.channel()));
    }

    /** A stub for one server-streaming call (exports), with the stream deadline. */
    public ProfileServiceBlockingStub serverStreaming() {
        return channel.streaming(ProfileServiceGrpc.newBlockingStub(channel.channel()));
    }

    /**
     * Registers the tenant these calls act for (CreateTenant), as a command that makes a fresh tenant must before its
     * first call there; needs an administrator's token that grants the tenant. Registering an existing tenant changes
     * nothing.
     */
    public void registerTenant() {
        unary().createTenant(CreateTenantRequest.newBuilder().setTenantId(settings().tenant()).build());
    }

    @Override
    public void close() {
        channel.close();
    }
}
