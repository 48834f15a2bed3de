package dev.persona.profile.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;

import dev.persona.common.testing.ServiceHealthContract;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfileServiceHealthTest extends ServiceHealthContract {

    @Override
    protected String serviceName() {
        return "persona.v1.ProfileService";
    }

    @Test
    void healthChecksTheDatabaseAndRedis() {
        given().when().get(healthUrl).then().statusCode(200)
                .body("checks.name", hasItems("Database connections health check", "Redis connection health check", "gRPC Server"));
    }
}
