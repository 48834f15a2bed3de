package dev.persona.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.reflection.v1.MutinyServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every Persona service answers once started: {@code /q/health} UP and Prometheus metrics on
 * {@code /q/metrics}, both on the management port and not on the API port; the standard gRPC health service SERVING
 * without a token; gRPC server reflection (enabled in tests) listing the service to an administrator. A service's
 * {@code @QuarkusTest} extends this class to inherit the checks.
 */
public abstract class ServiceHealthContract {

    @GrpcClient("self")
    protected HealthGrpc.HealthBlockingStub health;

    @GrpcClient("self")
    protected MutinyServerReflectionGrpc.MutinyServerReflectionStub reflection;

    /** {@code /q/health} on the management port. */
    @TestHTTPResource(value = "/health", management = true)
    protected URL healthUrl;

    /** {@code /q/metrics} on the management port. */
    @TestHTTPResource(value = "/metrics", management = true)
    protected URL metricsUrl;

    /** The full name of the service under test, for example {@code persona.v1.ProfileService}. */
    protected abstract String serviceName();

    @Test
    void answersHttpAndGrpcHealthChecks() {
        given().when().get(healthUrl).then().statusCode(200).body("status", is("UP"));
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void theApiPortServesNeitherHealthNorMetricsOverHttp() {
        given().when().get("/q/health").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void serverReflectionListsTheService() {
        List<ServerReflectionResponse> answers = GrpcClientUtils.attachHeaders(reflection, TenantStubs.headers("reflection"))
                .serverReflectionInfo(
                        Multi.createFrom().item(ServerReflectionRequest.newBuilder().setListServices("").build()))
                .collect().asList().await().atMost(Duration.ofSeconds(10));
        List<String> services = answers.get(0).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList();
        assertTrue(services.contains(serviceName()), () -> services + " should list " + serviceName());
    }

    @Test
    void exposesPrometheusMetricsIncludingGrpcCalls() {
        health.check(HealthCheckRequest.getDefaultInstance());
        String metrics = given().when().get(metricsUrl).then().statusCode(200)
                .extract().asString();
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics on /q/metrics");
        assertTrue(metrics.contains("grpc_server_requests_received_messages")
                || metrics.contains("grpc_server_processing_duration_seconds"), "gRPC server metrics on /q/metrics");
    }
}
