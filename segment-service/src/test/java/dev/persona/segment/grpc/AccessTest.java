package dev.persona.segment.grpc;

import dev.persona.api.v1.SegmentServiceGrpc;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.AccessContract;
import io.grpc.ServiceDescriptor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;

/** Every RPC of SegmentService: tokens, roles and tenants, as common's AccessContract checks them. */
@QuarkusTest
class AccessTest extends AccessContract {

    @Inject
    RedisTenants tenants;

    @Override
    protected void register(String tenant) {
        tenants.add(List.of(tenant));
    }

    @Override
    protected ServiceDescriptor service() {
        return SegmentServiceGrpc.getServiceDescriptor();
    }
}
