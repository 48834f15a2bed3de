package dev.persona.common.grpc;

import dev.persona.common.error.ApiError;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The one place where failures become gRPC statuses: {@link ApiError} keeps its kind, a database or Redis
 * that cannot be reached becomes UNAVAILABLE, anything else INTERNAL (never UNKNOWN). INTERNAL and UNAVAILABLE carry
 * a correlation id and no exception text, SQL or stack.
 */
@ApplicationScoped
public class ErrorMapper implements ExceptionHandlerProvider {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Override
    public <Q, R> ExceptionHandler<Q, R> createHandler(ServerCall.Listener<Q> listener, ServerCall<Q, R> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable t, ServerCall<Q, R> call, Metadata metadata) {
                StatusException e = (StatusException) transform(t);
                Metadata trailers = e.getTrailers() != null ? e.getTrailers() : metadata;
                call.close(e.getStatus(), trailers);
            }
        };
    }

    @Override
    public Throwable transform(Throwable t) {
        return new StatusException(toStatus(t));
    }

    /**
     * Maps any failure to the contract's status. INTERNAL and UNAVAILABLE say only what happened and a correlation
     * id; the detail goes to the log line that carries the same id, never to the caller.
     */
    public static Status toStatus(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ApiError a) {
                if (a.kind() == ApiError.Kind.UNAVAILABLE) {
                    String id = correlationId();
                    LOG.warnf("unavailable [%s]: %s (%s)", id, a.getMessage(), rootCause(a));
                    return Status.UNAVAILABLE.withDescription(a.getMessage() + " (correlation id " + id + ")");
                }
                return Status.fromCode(Status.Code.valueOf(a.kind().name())).withDescription(a.getMessage());
            }
            if (c instanceof StatusRuntimeException s) {
                return passOn(s.getStatus());
            }
            if (c instanceof StatusException s) {
                return passOn(s.getStatus());
            }
            if (isUnreachable(c)) {
                String id = correlationId();
                LOG.warnf("unavailable [%s]: %s", id, rootCause(c));
                return Status.UNAVAILABLE.withDescription(
                        "a dependency is unavailable; retry later (correlation id " + id + ")");
            }
        }
        String id = correlationId();
        LOG.errorf(t, "internal error [%s]", id);
        return Status.INTERNAL.withDescription("internal error (correlation id " + id + ")");
    }

    /** A status from another call: its code, and its description unless it is INTERNAL, UNKNOWN or DATA_LOSS. */
    private static Status passOn(Status s) {
        return switch (s.getCode()) {
            case INTERNAL, UNKNOWN, DATA_LOSS -> {
                String id = correlationId();
                LOG.errorf("internal error [%s]: %s %s", id, s.getCode(), s.getDescription());
                yield Status.INTERNAL.withDescription("internal error (correlation id " + id + ")");
            }
            default -> s;
        };
    }

    private static String correlationId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** The innermost cause's type and SQL state, which name what failed without echoing statements or values. */
    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof SQLException s && s.getSQLState() != null ? " SQLState " + s.getSQLState() : "";
        return root.getClass().getName() + state;
    }

    private static boolean isUnreachable(Throwable c) {
        if (c instanceof ConnectException || c instanceof SQLTransientException) {
            return true;
        }
        if (c instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
            return true;
        }
        String name = c.getClass().getName();
        return name.endsWith("JDBCConnectionException") || name.endsWith("ConnectionException")
                || name.contains("AcquisitionTimeout");
    }
}
