package dev.persona.profile.grpc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.persona.api.v1.DeleteUserRequest;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.profile.testing.ErasureOutbox;
import io.agroal.api.AgroalDataSource;
import io.grpc.Status;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redis unreachable: commits still succeed and health says Redis is down. */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
class RedisDownTest extends GrpcTestSupport {

    /** Points the Redis client at a port where nothing listens. */
    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "1s");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource(value = "/health", management = true)
    URL health;

    @Test
    void eventsCommitAndHealthReportsRedisDown() throws SQLException {
        for (int i = 0; i < 3; i++) {
            assertFalse(blocking().recordEvent(RecordEventRequest.newBuilder().setEvent(event("d" + i, "u", "i",
                    EventType.EVENT_TYPE_PURCHASE, 5, Instant.now().minusSeconds(60))).build()).getDuplicate());
        }
        assertEquals(3, exportAll(0).size(), "consumers catch up from ExportInteractions");
        assertEquals(3, blocking().deleteUser(DeleteUserRequest.newBuilder().setUserId("u").build()).getEventsDeleted());
        assertStatus(Status.Code.NOT_FOUND, "u", () -> blocking().getUser(GetUserRequest.newBuilder().setUserId("u").build()));
        assertEquals(1, ErasureOutbox.pending(dataSource, tenant), "the erasure notice waits in the outbox until Redis is back");
        given().when().get(health).then().statusCode(503).body("status", is("DOWN"))
                .body("checks.find { it.name == 'Redis connection health check' }.status", is("DOWN"))
                .body("checks.name", hasItem("Database connections health check"));
    }
}
