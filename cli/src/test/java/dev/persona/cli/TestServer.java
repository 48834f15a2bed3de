package dev.persona.cli;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A gRPC server on a free loopback port, for tests that need a peer. */
public final class TestServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final Server server;

    public TestServer(BindableService service) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(LOOPBACK, 0))
                .addService(ServerInterceptors.intercept(service, FakeProfileService.tenantInterceptor()))
                .build()
                .start();
    }

    public String target() {
        return LOOPBACK + ":" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
