package dev.persona.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Status s = ErrorMapper.toStatus(new IllegalStateException("tx", refused));
        assertEquals(Status.Code.UNAVAILABLE, s.getCode());
        assertTrue(s.getDescription().matches("a dependency is unavailable; retry later \\(correlation id [0-9a-f]+\\)"),
                s.getDescription());
        assertEquals(Status.Code.UNAVAILABLE, ErrorMapper.toStatus(new ConnectException("Connection refused")).getCode());
    }

    @Test
    void anUnavailableApiErrorGetsACorrelationId() {
        Status s = ErrorMapper.toStatus(ApiError.unavailable("profile-service is unavailable", new ConnectException("x")));
        assertEquals(Status.Code.UNAVAILABLE, s.getCode());
        assertTrue(s.getDescription().startsWith("profile-service is unavailable (correlation id "), s.getDescription());
    }

    @Test
    void anotherCallsInternalErrorIsNotPassedOn() {
        Status s = ErrorMapper.toStatus(Status.INTERNAL.withDescription("PSQLException: secret").asRuntimeException());
        assertEquals(Status.Code.INTERNAL, s.getCode());
        assertFalse(s.getDescription().contains("secret"), s.getDescription());
        assertEquals(Status.Code.NOT_FOUND,
                ErrorMapper.toStatus(Status.NOT_FOUND.withDescription("user not found: u").asRuntimeException()).getCode());
    }

    @Test
    void anythingElseIsInternalNeverUnknown() {
        Status s = ErrorMapper.toStatus(new IllegalStateException("bug in SELECT * FROM users WHERE email = 'a@b.c'"));
        assertEquals(Status.Code.INTERNAL, s.getCode());
        assertTrue(s.getDescription().matches("internal error \\(correlation id [0-9a-f]+\\)"), s.getDescription());
    }
}
