package dev.persona.recommend.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.api.v1.RecommendServiceGrpc;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.common.testing.ServiceHealthContract;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecommendServiceHealthTest extends ServiceHealthContract {

    @GrpcClient("self")
    RecommendServiceGrpc.RecommendServiceBlockingStub service;

    @Override
    protected String serviceName() {
        return "persona.v1.RecommendService";
    }

    @Test
    void rpcsNotBuiltYetSayUnimplemented() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> service.recommend(RecommendRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
}
