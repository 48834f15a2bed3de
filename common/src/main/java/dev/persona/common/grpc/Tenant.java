package dev.persona.common.grpc;

import io.grpc.Context;
import io.grpc.Metadata;

/**
 * The caller's tenant, taken from the {@code x-tenant-id} metadata header by {@link TenantInterceptor}.
 * Service methods read it once, at entry, and pass it on explicitly: work that hops threads never depends on
 * an implicit context.
 */
public final class Tenant {

    /** The metadata header that names the tenant. */
    public static final Metadata.Key<String> HEADER = Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);
    /** The tenant of calls that name none. */
    public static final String DEFAULT = "default";

    static final Context.Key<String> KEY = Context.key("persona-tenant");

    private Tenant() {
    }

    /** The tenant of the current call, or {@link #DEFAULT} outside a call. */
    public static String current() {
        String tenant = KEY.get();
        return tenant == null ? DEFAULT : tenant;
    }
}
