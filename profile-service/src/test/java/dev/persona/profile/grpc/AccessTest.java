package dev.persona.profile.grpc;

import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.common.testing.AccessContract;
import io.grpc.ServiceDescriptor;
import io.quarkus.test.junit.QuarkusTest;

/** Every RPC of ProfileService: tokens, roles and tenants, as common's AccessContract checks them. */
@QuarkusTest
class AccessTest extends AccessContract {

    @Override
    protected ServiceDescriptor service() {
        return ProfileServiceGrpc.getServiceDescriptor();
    }
}
