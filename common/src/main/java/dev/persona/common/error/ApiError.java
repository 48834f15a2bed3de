package dev.persona.common.error;

/**
 * A failure the caller can act on, in the fixed vocabulary of the persona.v1 contract. Thrown from plain Java
 * code (validation, services, algorithms) and mapped to a gRPC status in exactly one place, so that no
 * algorithm or service class needs to import gRPC.
 */
public final class ApiError extends RuntimeException {

    /** The contract's error kinds; each maps to the gRPC status of the same name. */
    public enum Kind {
        INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, UNAVAILABLE, ABORTED, RESOURCE_EXHAUSTED, PERMISSION_DENIED
    }

    private final Kind kind;
    private final String field;

    private ApiError(Kind kind, String field, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.field = field;
    }

    /** Bad input: the message starts with the field's name so that callers see which one. */
    public static ApiError invalid(String field, String reason) {
        return new ApiError(Kind.INVALID_ARGUMENT, field, field + ": " + reason, null);
    }

    /** An id unknown in the caller's tenant. */
    public static ApiError notFound(String what, String id) {
        return new ApiError(Kind.NOT_FOUND, null, what + " not found: " + id, null);
    }

    /** Something that must exist first (a model, a list, a segmentation) does not exist yet. */
    public static ApiError precondition(String message) {
        return new ApiError(Kind.FAILED_PRECONDITION, null, message, null);
    }

    /** A dependency (database, Redis, another service) is down. */
    public static ApiError unavailable(String message, Throwable cause) {
        return new ApiError(Kind.UNAVAILABLE, null, message, cause);
    }

    /** A conflicting operation is running (for example a second build of the same thing). */
    public static ApiError aborted(String message) {
        return new ApiError(Kind.ABORTED, null, message, null);
    }

    /** The request is too large or a limit is exceeded. */
    public static ApiError exhausted(String message) {
        return new ApiError(Kind.RESOURCE_EXHAUSTED, null, message, null);
    }

    /** The caller may call the RPC but not for this object (a tenant its token does not grant). */
    public static ApiError permissionDenied(String message) {
        return new ApiError(Kind.PERMISSION_DENIED, null, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The field at fault for INVALID_ARGUMENT, else null. */
    public String field() {
        return field;
    }

    /** The reason without the field prefix (for per-record rejections). */
    public String reason() {
        String m = getMessage();
        return field != null && m.startsWith(field + ": ") ? m.substring(field.length() + 2) : m;
    }
}
