package dev.persona.similarity.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetNeighborsStatusRequest;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.Metric;
import dev.persona.common.tenant.TenantDirectory;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With Redis unreachable every RPC that needs it says UNAVAILABLE, quickly, and nothing hangs. */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
@QuarkusTestResource(StandInProfileResource.class)
class RedisDownTest extends SimilarityTestSupport {

    /** Without Redis nothing can be registered there: {@link EveryTenant} lets the calls past the gate. */
    @Override
    void register(String tenantId) {
    }

    /** Every tenant counts as registered, so that the calls reach their own Redis reads. */
    @Alternative
    @ApplicationScoped
    public static class EveryTenant implements TenantDirectory {
        @Override
        public boolean exists(String tenant) {
            return true;
        }
    }

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(EveryTenant.class);
        }
    }

    @Override
    @BeforeEach
    void freshTenant() {
        super.freshTenant();
        log.rating("u1", "a", 5);
        log.rating("u2", "a", 4);
        log.rating("u2", "b", 3);
    }

    @Test
    void everyRedisBackedRpcIsUnavailable() {
        assertStatus(Status.Code.UNAVAILABLE, "Redis", () -> build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 5));
        assertStatus(Status.Code.UNAVAILABLE, "Redis", () -> stub().getSimilarItems(
                GetSimilarItemsRequest.newBuilder().setItemId("a").build()));
        assertStatus(Status.Code.UNAVAILABLE, "Redis", () -> stub().getNeighborsStatus(
                GetNeighborsStatusRequest.getDefaultInstance()));
    }
}
