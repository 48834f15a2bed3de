package dev.persona.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.quarkus.grpc.GrpcClient;
import org.junit.jupiter.api.Test;

/**
 * What every Persona service answers once started: {@code /q/health} UP and the standard gRPC health service
 * SERVING. A service's {@code @QuarkusTest} extends this class to inherit the checks.
 */
public abstract class ServiceHealthContract {

    @GrpcClient("self")
    protected HealthGrpc.HealthBlockingStub health;

    @Test
    void answersHttpAndGrpcHealthChecks() {
        given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }
}
