package dev.persona.profile.grpc;

import dev.persona.api.v1.CreateTenantRequest;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.common.testing.AccessContract;
import dev.persona.common.testing.TenantStubs;
import io.grpc.ServiceDescriptor;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;

/** Every RPC of ProfileService: tokens, roles and tenants, as common's AccessContract checks them. */
@QuarkusTest
class AccessTest extends AccessContract {

    @GrpcClient("profile")
    ProfileServiceGrpc.ProfileServiceBlockingStub raw;

    @Override
    protected void register(String tenant) {
        TenantStubs.platform(raw).createTenant(CreateTenantRequest.newBuilder().setTenantId(tenant).build());
    }

    @Override
    protected ServiceDescriptor service() {
        return ProfileServiceGrpc.getServiceDescriptor();
    }
}
