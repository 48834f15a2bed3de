package dev.persona.recommend.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.Recommendation;
import dev.persona.api.v1.Strategy;
import dev.persona.common.tenant.TenantDirectory;
import dev.persona.common.testing.StandInProfileResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With Redis unreachable, requests are still served from what the replica holds, and say which strategy served. */
@QuarkusTest
@TestProfile(RedisDownTest.NoRedis.class)
@QuarkusTestResource(StandInProfileResource.class)
class RedisDownTest extends RecommendTestSupport {

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

    @Test
    void everyStrategyStillServesFromMemory() {
        crowd();
        log.rating("u1", "alien", 5);
        for (Strategy asked : new Strategy[] {Strategy.STRATEGY_UNSPECIFIED, Strategy.STRATEGY_ITEM_KNN,
                Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_CONTENT}) {
            RecommendResponse r = stub().recommend(RecommendRequest.newBuilder().setUserId("u1").setK(3)
                    .setStrategy(asked).build());
            assertEquals(3, r.getRecommendationsCount(), asked.name());
            assertTrue(Set.of(Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_TRENDING, Strategy.STRATEGY_CONTENT,
                    Strategy.STRATEGY_HYBRID).contains(r.getStrategyUsed()), r.getStrategyUsed().name());
            assertFalse(r.getRecommendationsList().stream().map(Recommendation::getItemId).toList()
                    .contains("alien"), "the log's history still excludes seen items");
        }
    }
}
