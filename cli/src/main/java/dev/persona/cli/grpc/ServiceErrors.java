package dev.persona.cli.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says in one line what went wrong in a call to a service. The channels of this package mark the trailers of every
 * failed call with the service's name and address (on this side only: the marks are never sent), so that a command
 * talking to two services names the one that failed.
 */
public final class ServiceErrors {

    private static final Metadata.Key<String> SERVICE =
            Metadata.Key.of("persona-cli-service", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TARGET =
            Metadata.Key.of("persona-cli-target", Metadata.ASCII_STRING_MARSHALLER);

    private ServiceErrors() {
    }

    /**
     * Describes a failed call: a {@link io.grpc.StatusRuntimeException} or {@link io.grpc.StatusException}, or
     * something caused by one. The service and address are those marked by the call's channel; a failure without
     * marks is taken for profile-service at {@code defaultTarget}.
     */
    public static String describe(Throwable failure, String defaultTarget) {
        Metadata trailers = Status.trailersFromThrowable(failure);
        boolean marked = trailers != null && trailers.containsKey(SERVICE) && trailers.containsKey(TARGET);
        return describe(Status.fromThrowable(failure), marked ? trailers.get(SERVICE) : ProfileConnection.SERVICE,
                marked ? trailers.get(TARGET) : defaultTarget);
    }

    public static String describe(Status status, String service, String target) {
        String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        Optional<Throwable> tls = tlsCause(status.getCause());
        if (status.getCode() == Status.Code.UNAVAILABLE && tls.isPresent()) {
            return "the TLS connection to " + service + " at " + target + " failed (" + status.getCode() + "): "
                    + tlsReason(tls.get());
        }
        // A status with a cause was made on this side (connection refused, name not resolved); one without was sent
        // by the service (for example its database is down), and then "is it running?" would mislead.
        if (status.getCode() == Status.Code.UNAVAILABLE && status.getCause() != null) {
            return service + " is not reachable at " + target + ": is it running? (" + detail + ")";
        }
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return service + " at " + target + " did not answer in time (" + detail
                    + "); raise --deadline-seconds or --stream-deadline-seconds if it is just slow";
        }
        return service + " at " + target + " answered " + detail;
    }

    /**
     * Whether a failed call failed in the TLS handshake (the server's certificate not trusted or not naming the
     * host, or a server that speaks no TLS), judged by the exception that caused its status on this side.
     */
    public static boolean tlsFailed(Throwable failure) {
        return tlsCause(Status.fromThrowable(failure).getCause()).isPresent();
    }

    /** Whether a failed call found a server that answered the TLS handshake in plaintext. */
    public static boolean answeredWithoutTls(Throwable failure) {
        return tlsCause(Status.fromThrowable(failure).getCause()).filter(ServiceErrors::plaintextAnswer).isPresent();
    }

    private static Optional<Throwable> tlsCause(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException || plaintextAnswer(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Netty's "not an SSL/TLS record" (the server answered in plaintext), which is no SSLException. */
    private static boolean plaintextAnswer(Throwable t) {
        return t.getClass().getSimpleName().equals("NotSslRecordException");
    }

    /**
     * Why the handshake failed, from its innermost cause: the engine's own message is generic ("General OpenSslEngine
     * problem"), the certificate check's says what was wrong ("Path does not chain with any of the trust anchors",
     * "No subject alternative names matching ...").
     */
    private static String tlsReason(Throwable tls) {
        if (plaintextAnswer(tls)) {
            return "the server answered without TLS";
        }
        Throwable innermost = tls;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
    }

    /** Marks the trailers of every failed call with the service's name and address. */
    static ClientInterceptor marking(String service, String target) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> responses, Metadata headers) {
                        super.start(new SimpleForwardingClientCallListener<>(responses) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                if (!status.isOk()) {
                                    trailers.discardAll(SERVICE);
                                    trailers.discardAll(TARGET);
                                    trailers.put(SERVICE, service);
                                    trailers.put(TARGET, target);
                                }
                                super.onClose(status, trailers);
                            }
                        }, headers);
                    }
                };
            }
        };
    }
}
