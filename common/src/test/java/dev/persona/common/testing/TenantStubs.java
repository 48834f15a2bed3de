package dev.persona.common.testing;

import dev.persona.common.grpc.AccessInterceptor;
import dev.persona.common.grpc.Tenant;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * The one way tests call a service: stubs that speak for one tenant (the {@code x-tenant-id} header) as an
 * administrator of that tenant (a bearer token from {@link TestTokens}), and never wait forever.
 */
public final class TenantStubs {

    private TenantStubs() {
    }

    /** {@code stub} sending {@code tenant}'s header and an admin token for it, each call with a 30-second deadline. */
    public static <S extends AbstractStub<S>> S bound(S stub, String tenant) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(tenant)))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** {@code stub} as a platform administrator (every tenant), naming none: for the tenant registry's RPCs. */
    public static <S extends AbstractStub<S>> S platform(S stub) {
        return with(stub, headers(null, TestTokens.platformAdmin()));
    }

    /** The metadata naming {@code tenant}, with an admin token for it. */
    public static Metadata headers(String tenant) {
        return headers(tenant, TestTokens.admin(tenant));
    }

    /** The metadata naming {@code tenant} (none when null), with {@code token} (none when null). */
    public static Metadata headers(String tenant, String token) {
        Metadata m = new Metadata();
        if (tenant != null) {
            m.put(Tenant.HEADER, tenant);
        }
        if (token != null) {
            m.put(AccessInterceptor.AUTHORIZATION, "Bearer " + token);
        }
        return m;
    }

    /** {@code stub} sending exactly these headers, with a 30-second deadline. */
    public static <S extends AbstractStub<S>> S with(S stub, Metadata headers) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
