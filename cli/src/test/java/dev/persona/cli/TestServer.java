package dev.persona.cli;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server on a free loopback port, plaintext unless given TLS credentials, for tests that need a peer. It records the authorization and tenant headers
 * of every call, and can refuse calls without the right bearer token as the real services do.
 */
public final class TestServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TENANT =
            Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);

    /**
     * The headers of one call that reached the server.
     *
     * @param method        the RPC's name
     * @param authorization the authorization header, if sent
     * @param tenant        the x-tenant-id header, if sent
     */
    public record Headers(String method, Optional<String> authorization, Optional<String> tenant) {
    }

    private final Server server;
    private final List<Headers> headers = Collections.synchronizedList(new ArrayList<>());
    private volatile String requiredToken;

    /** A plaintext server. */
    public TestServer(BindableService service) throws IOException {
        this(service, InsecureServerCredentials.create());
    }

    /** A server with these credentials: {@link TlsServerCredentials} for one that serves TLS only. */
    public TestServer(BindableService service, ServerCredentials credentials) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(LOOPBACK, 0), credentials)
                .addService(ServerInterceptors.intercept(service, FakeProfileService.tenantInterceptor(),
                        recording()))
                .build()
                .start();
    }

    public String target() {
        return LOOPBACK + ":" + server.getPort();
    }

    /** The headers of every call so far, in order. */
    public List<Headers> headers() {
        return List.copyOf(headers);
    }

    /** From now on, answers a call without {@code Bearer <token>} with UNAUTHENTICATED, as the services do. */
    public void requireToken(String token) {
        requiredToken = token;
    }

    /** Records the headers (runs first: interceptors wrap in reverse order). */
    private ServerInterceptor recording() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
                    ServerCallHandler<Q, R> next) {
                Optional<String> authorization = Optional.ofNullable(metadata.get(AUTHORIZATION));
                headers.add(new Headers(call.getMethodDescriptor().getBareMethodName(), authorization,
                        Optional.ofNullable(metadata.get(TENANT))));
                String required = requiredToken;
                if (required != null && !authorization.equals(Optional.of("Bearer " + required))) {
                    call.close(Status.UNAUTHENTICATED.withDescription(authorization.isEmpty()
                            ? "a bearer token is required"
                            : "the bearer token is malformed, badly signed or expired"), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, metadata);
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
