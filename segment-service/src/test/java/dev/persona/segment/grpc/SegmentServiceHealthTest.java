package dev.persona.segment.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.api.v1.GetSegmentationRequest;
import dev.persona.api.v1.SegmentServiceGrpc;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.ServiceHealthContract;
import dev.persona.common.testing.TenantStubs;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SegmentServiceHealthTest extends ServiceHealthContract {

    @GrpcClient("self")
    SegmentServiceGrpc.SegmentServiceBlockingStub service;

    @Inject
    RedisTenants registry;

    @Override
    protected String serviceName() {
        return "persona.v1.SegmentService";
    }

    @Test
    void answersWithTheContractsErrorsNotUnimplemented() {
        registry.add(List.of("health"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> TenantStubs.bound(service, "health").getSegmentation(GetSegmentationRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
}
