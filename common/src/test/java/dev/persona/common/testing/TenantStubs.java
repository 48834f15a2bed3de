package dev.persona.common.testing;

import dev.persona.common.grpc.Tenant;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/** Test stubs that speak for one tenant (the {@code x-tenant-id} header) and never wait forever. */
public final class TenantStubs {

    private TenantStubs() {
    }

    /** {@code stub} sending {@code tenant}'s header, each call with a 30-second deadline. */
    public static <S extends AbstractStub<S>> S bound(S stub, String tenant) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(tenant)))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** The metadata naming {@code tenant}. */
    public static Metadata headers(String tenant) {
        Metadata m = new Metadata();
        m.put(Tenant.HEADER, tenant);
        return m;
    }
}
