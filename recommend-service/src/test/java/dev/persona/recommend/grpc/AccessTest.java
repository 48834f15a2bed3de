package dev.persona.recommend.grpc;

import dev.persona.api.v1.RecommendServiceGrpc;
import dev.persona.common.testing.AccessContract;
import io.grpc.ServiceDescriptor;
import io.quarkus.test.junit.QuarkusTest;

/** Every RPC of RecommendService: tokens, roles and tenants, as common's AccessContract checks them. */
@QuarkusTest
class AccessTest extends AccessContract {

    @Override
    protected ServiceDescriptor service() {
        return RecommendServiceGrpc.getServiceDescriptor();
    }
}
