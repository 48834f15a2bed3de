package dev.persona.recommend.grpc;


import dev.persona.api.v1.EventType;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.RecommendServiceGrpc;
import dev.persona.common.neighbors.NeighborCodec;
import dev.persona.common.neighbors.NeighborKeys;
import dev.persona.common.redis.RedisKeys;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.StandInProfileService;
import dev.persona.common.testing.TenantStubs;
import dev.persona.core.similarity.Neighbor;
import io.quarkus.grpc.GrpcClient;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh tenant per test with a small film catalogue in the stand-in ProfileService, stubs bound to it, and Redis at
 * hand to put neighbour lists where similarity-service would and recent history where profile-service would.
 */
abstract class RecommendTestSupport {

    @GrpcClient("recommend")
    RecommendServiceGrpc.RecommendServiceBlockingStub raw;

    @Inject
    Redis redis;

    /** The tenant registry as profile-service mirrors it to Redis, where this service looks tenants up. */
    @Inject
    RedisTenants registry;

    String tenant;
    StandInProfileService.Fixture log;

    @BeforeEach
    void freshTenant() {
        tenant = "t-" + UUID.randomUUID();
        register(tenant);
        log = StandInProfileService.fixture(tenant);
        film("alien", "Alien", "Sci-Fi", 10, "space", "horror");
        film("aliens", "Aliens", "Sci-Fi", 12, "space", "action");
        film("starwars", "Star Wars", "Sci-Fi", 15, "space", "adventure");
        film("heat", "Heat", "Crime", 8, "heist");
        film("ronin", "Ronin", "Crime", 9, "heist", "action");
        film("up", "Up", "Animation", 5, "family");
        film("cars", "Cars", "Animation", 4, "family", "racing");
        log.item(Item.newBuilder().setItemId("gone").setTitle("Gone").setCategory("Sci-Fi").addTags("space")
                .setPrice(1).setActive(false).build());
    }

    void film(String id, String title, String category, double price, String... tags) {
        log.item(Item.newBuilder().setItemId(id).setTitle(title).setCategory(category).addAllTags(List.of(tags))
                .setPrice(price).setActive(true).build());
    }

    /** Popularity: starwars 4 users, alien 3, heat 2, ronin 1 (users p1..p4), plus "gone" (inactive) 4. */
    void crowd() {
        for (int u = 1; u <= 4; u++) {
            log.event("p" + u, "starwars", EventType.EVENT_TYPE_VIEW, 0);
            log.event("p" + u, "gone", EventType.EVENT_TYPE_VIEW, 0);
        }
        for (int u = 1; u <= 3; u++) {
            log.event("p" + u, "alien", EventType.EVENT_TYPE_VIEW, 0);
        }
        log.event("p1", "heat", EventType.EVENT_TYPE_VIEW, 0);
        log.event("p2", "heat", EventType.EVENT_TYPE_VIEW, 0);
        log.event("p1", "ronin", EventType.EVENT_TYPE_VIEW, 0);
    }

    RecommendServiceGrpc.RecommendServiceBlockingStub stub() {
        return TenantStubs.bound(raw, tenant);
    }

    /** Writes neighbour lists as generation 1 of a scope ("item:cosine", "user:cosine"), as similarity-service does. */
    void neighbours(String scope, Map<String, List<Neighbor>> lists) {
        String key = NeighborKeys.generation(tenant, scope, 1);
        List<Request> requests = new ArrayList<>();
        for (Map.Entry<String, List<Neighbor>> e : lists.entrySet()) {
            requests.add(Request.cmd(Command.HSET).arg(key).arg(e.getKey()).arg(NeighborCodec.encode(e.getValue())));
        }
        requests.add(Request.cmd(Command.HSET).arg(NeighborKeys.pointer(tenant, scope))
                .arg(NeighborKeys.GENERATION).arg(1).arg(NeighborKeys.REVISION).arg(0));
        redis.batch(requests).await().atMost(Duration.ofSeconds(5));
    }

    /** Appends an event to the user's recent history in Redis, as profile-service does right after a commit. */
    void recent(String user, String item, String type, double value) {
        redis.send(Request.cmd(Command.LPUSH).arg(RedisKeys.recent(tenant, user))
                .arg(item + "\t" + type + "\t" + System.currentTimeMillis() + "\t" + value))
                .await().atMost(Duration.ofSeconds(5));
    }

    static Neighbor n(String id, double score) {
        return new Neighbor(id, score, 1);
    }

    /** Registers a tenant where this service looks tenants up, as profile-service does (the Redis mirror). */
    void register(String tenantId) {
        registry.add(List.of(tenantId));
    }
}
