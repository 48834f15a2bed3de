package dev.persona.similarity.grpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.BuildNeighborsResponse;
import dev.persona.api.v1.BuildResult;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.SimilarityServiceGrpc;
import dev.persona.common.redis.RedisKeys;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.GrpcAssertions;
import dev.persona.common.testing.StandInProfileService;
import dev.persona.common.testing.TenantStubs;
import io.quarkus.grpc.GrpcClient;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** A fresh tenant per test, with its stand-in ProfileService fixture, stubs bound to it and Redis at hand. */
abstract class SimilarityTestSupport {

    @GrpcClient("similarity")
    SimilarityServiceGrpc.SimilarityServiceBlockingStub raw;

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
    }

    SimilarityServiceGrpc.SimilarityServiceBlockingStub stub() {
        return TenantStubs.bound(raw, tenant);
    }

    /** Runs a build to its end; returns every message. */
    List<BuildNeighborsResponse> buildAll(BuildNeighborsRequest request) {
        List<BuildNeighborsResponse> messages = new ArrayList<>();
        Iterator<BuildNeighborsResponse> it = stub().buildNeighbors(request);
        it.forEachRemaining(messages::add);
        return messages;
    }

    BuildResult build(Entity entity, Metric metric, int k) {
        List<BuildNeighborsResponse> messages = buildAll(BuildNeighborsRequest.newBuilder().setEntity(entity)
                .setMetric(metric).setK(k).build());
        BuildNeighborsResponse last = messages.get(messages.size() - 1);
        assertTrue(last.hasResult(), "the last message is the result");
        return last.getResult();
    }
    Response redis(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(5));
    }

    List<String> keys(String pattern) {
        List<String> keys = new ArrayList<>();
        for (Response r : redis(Request.cmd(Command.KEYS).arg(RedisKeys.tenantPrefix(tenant) + pattern))) {
            keys.add(r.toString());
        }
        return keys;
    }

    /** Appends an entry to this test's tenant's change feed, as profile-service does. */
    void feed(String... fieldsAndValues) {
        GrpcAssertions.feed(redis, tenant, fieldsAndValues);
    }

    /** Registers a tenant where this service looks tenants up, as profile-service does (the Redis mirror). */
    void register(String tenantId) {
        registry.add(List.of(tenantId));
    }
}
