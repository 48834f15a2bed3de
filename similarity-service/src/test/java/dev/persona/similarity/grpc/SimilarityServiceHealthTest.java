package dev.persona.similarity.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.api.v1.SimilarityServiceGrpc;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.common.testing.ServiceHealthContract;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimilarityServiceHealthTest extends ServiceHealthContract {

    @GrpcClient("self")
    SimilarityServiceGrpc.SimilarityServiceBlockingStub service;

    @Override
    protected String serviceName() {
        return "persona.v1.SimilarityService";
    }

    @Test
    void rpcsNotBuiltYetSayUnimplemented() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> service.getSimilarItems(GetSimilarItemsRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
}
