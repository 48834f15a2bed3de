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
import org.jboss.logging.Logger;

/**
 * The one place where failures become gRPC statuses: {@link ApiError} keeps its kind, a database or Redis
 * that cannot be reached becomes UNAVAILABLE, anything else INTERNAL with a description (never UNKNOWN).
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

    /** Maps any failure to the contract's status. */
    public static Status toStatus(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ApiError a) {
                return Status.fromCode(Status.Code.valueOf(a.kind().name())).withDescription(a.getMessage());
            }
            if (c instanceof StatusRuntimeException s) {
                return s.getStatus();
            }
            if (c instanceof StatusException s) {
                return s.getStatus();
            }
            if (isUnreachable(c)) {
                return Status.UNAVAILABLE.withDescription("a dependency is unavailable: " + c.getMessage());
            }
        }
        LOG.error("internal error", t);
        return Status.INTERNAL.withDescription(t.getClass().getSimpleName() + ": " + t.getMessage());
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
