package dev.persona.cli.grpc;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A channel to one service, over TLS unless the settings say plaintext (see {@link ChannelSecurity}), that sends the
 * bearer token and the tenant header (see {@link ConnectionSettings}) on every call and marks the failures of its
 * calls with the service's name and address (see {@link ServiceErrors}). Thread-safe: calls from many threads share
 * its one HTTP/2 connection.
 */
final class ServiceChannel implements AutoCloseable {

    private static final Metadata.Key<String> TENANT_HEADER =
            Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final long SHUTDOWN_SECONDS = 5;

    private final ConnectionSettings settings;
    private final ManagedChannel managedChannel;
    private final Channel channel;

    private ServiceChannel(String service, ConnectionSettings settings, ManagedChannel managedChannel) {
        this.settings = settings;
        this.managedChannel = managedChannel;
        Metadata headers = new Metadata();
        if (!settings.tenantFromToken()) {
            headers.put(TENANT_HEADER, settings.tenant());
        }
        settings.token().ifPresent(token -> headers.put(AUTHORIZATION, "Bearer " + token));
        this.channel = ClientInterceptors.intercept(managedChannel,
                ServiceErrors.marking(service, settings.target()), MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** Opens a channel; it connects lazily, so an unreachable target shows on the first call. */
    static ServiceChannel open(String service, ConnectionSettings settings, int maxInboundBytes) {
        ManagedChannel managedChannel = Grpc.newChannelBuilder(settings.target(), settings.security().credentials())
                .maxInboundMessageSize(maxInboundBytes)
                .build();
        return new ServiceChannel(service, settings, managedChannel);
    }

    ConnectionSettings settings() {
        return settings;
    }

    Channel channel() {
        return channel;
    }

    /** The stub with the unary deadline from now: for one single call. */
    <S extends AbstractStub<S>> S unary(S stub) {
        return withDeadline(stub, settings.unaryDeadline());
    }

    /** The stub with the stream deadline from now: for one streaming call, which may run for minutes. */
    <S extends AbstractStub<S>> S streaming(S stub) {
        return withDeadline(stub, settings.streamDeadline());
    }

    private static <S extends AbstractStub<S>> S withDeadline(S stub, Duration deadline) {
        return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
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
