package dev.persona.similarity.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.api.v1.SimilarityServiceGrpc;
import dev.persona.api.v1.GetSimilarItemsRequest;
import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimilarityServiceHealthTest {

    @GrpcClient("self")
    HealthGrpc.HealthBlockingStub health;

    @GrpcClient("self")
    SimilarityServiceGrpc.SimilarityServiceBlockingStub service;

    @Test
    void startsAndAnswersHealthChecks() {
        given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void rpcsNotBuiltYetSayUnimplemented() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> service.getSimilarItems(GetSimilarItemsRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
    }
}
