package dev.persona.common.testing;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;

/** Starts the {@link StandInProfileService} on a free local port and points similarity-service's client at it. */
public final class StandInProfileResource implements QuarkusTestResourceLifecycleManager {

    private Server server;

    @Override
    public Map<String, String> start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(ServerInterceptors.intercept(new StandInProfileService(),
                            new StandInProfileService.TenantInterceptor()))
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String port = Integer.toString(server.getPort());
        // In tests, gRPC clients use their test-port, which otherwise follows the service's own test port.
        return Map.of("quarkus.grpc.clients.profile.host", "127.0.0.1",
                "quarkus.grpc.clients.profile.port", port,
                "quarkus.grpc.clients.profile.test-port", port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
