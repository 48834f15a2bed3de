package dev.persona.common.grpc;

import io.grpc.Context;
import io.grpc.Metadata;

/**
 * The caller's tenant, bound by {@link AccessInterceptor}: the {@code x-tenant-id} header when the caller's token
 * grants it, or the token's only tenant when the header is absent. Service methods read it once, at entry, and pass
 * it on explicitly: work that hops threads never depends on an implicit context.
 */
public final class Tenant {

    /** The metadata header that names the tenant. */
    public static final Metadata.Key<String> HEADER = Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);

    static final Context.Key<String> KEY = Context.key("persona-tenant");

    private Tenant() {
    }

    /** The tenant of the current call; outside a call that passed {@link AccessInterceptor} there is none. */
    public static String current() {
        String tenant = KEY.get();
        if (tenant == null) {
            throw new IllegalStateException("no tenant is bound outside an authorised call");
        }
        return tenant;
    }
}
