package dev.persona.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.common.error.ApiError;
import io.grpc.Status;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    @Test
    void apiErrorsKeepTheirKindAndMessage() {
        Status s = ErrorMapper.toStatus(ApiError.invalid("event.value", "must be finite"));
        assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode());
        assertEquals("event.value: must be finite", s.getDescription());
        assertEquals(Status.Code.NOT_FOUND, ErrorMapper.toStatus(ApiError.notFound("user", "u1")).getCode());
        assertEquals(Status.Code.FAILED_PRECONDITION, ErrorMapper.toStatus(ApiError.precondition("no model")).getCode());
        assertEquals(Status.Code.ABORTED, ErrorMapper.toStatus(ApiError.aborted("busy")).getCode());
    }

    @Test
    void anApiErrorWrappedByAFrameworkIsFound() {
        RuntimeException wrapped = new RuntimeException("transaction failed", ApiError.notFound("user", "u1"));
        assertEquals(Status.Code.NOT_FOUND, ErrorMapper.toStatus(wrapped).getCode());
    }

    @Test
    void anUnreachableDatabaseOrRedisIsUnavailable() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        assertEquals(Status.Code.UNAVAILABLE, ErrorMapper.toStatus(new IllegalStateException("tx", refused)).getCode());
        assertEquals(Status.Code.UNAVAILABLE, ErrorMapper.toStatus(new ConnectException("Connection refused")).getCode());
    }

    @Test
    void anythingElseIsInternalNeverUnknown() {
        Status s = ErrorMapper.toStatus(new IllegalStateException("bug"));
        assertEquals(Status.Code.INTERNAL, s.getCode());
        assertEquals("IllegalStateException: bug", s.getDescription());
    }
}
