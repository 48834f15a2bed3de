package dev.persona.similarity.grpc;

import dev.persona.api.v1.SimilarityServiceGrpc;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.AccessContract;
import io.grpc.ServiceDescriptor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;

/** Every RPC of SimilarityService: tokens, roles and tenants, as common's AccessContract checks them. */
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
        return SimilarityServiceGrpc.getServiceDescriptor();
    }
}
