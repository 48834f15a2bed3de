package dev.persona.segment.grpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.BuildSegmentationRequest;
import dev.persona.api.v1.BuildSegmentationResponse;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.SegmentServiceGrpc;
import dev.persona.api.v1.Segmentation;
import dev.persona.api.v1.User;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.GrpcAssertions;
import dev.persona.common.testing.StandInProfileService;
import dev.persona.common.testing.TenantStubs;
import io.quarkus.grpc.GrpcClient;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh tenant per test with three clearly separated groups of 20 buyers each in its stand-in ProfileService:
 * "a" users bought often, lately and much; "b" users rarely, long ago and little; "c" users in between.
 */
abstract class SegmentationTestSupport {

    static final long DAY = 86_400_000L;
    /** The latest event of the fixture is on this day (epoch days); the default clock is a day later. */
    static final long LAST_DAY = 20_000;

    @GrpcClient("segment")
    SegmentServiceGrpc.SegmentServiceBlockingStub raw;

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

    SegmentServiceGrpc.SegmentServiceBlockingStub stub() {
        return TenantStubs.bound(raw, tenant);
    }

    /** Three groups of 20 buyers, plus two users who only viewed (they lack recency_days). */
    void threeGroups() {
        for (int i = 0; i < 20; i++) {
            buyer("a" + i, 30 + i % 3, 2 + i % 3, 200 + 5 * (i % 4), "plan", "gold");
            buyer("b" + i, 2, 300 + 2 * (i % 5), 5 + 0.2 * (i % 3), "plan", "free");
            buyer("c" + i, 8, 60 + i % 4, 40 + i % 5, "plan", i % 2 == 0 ? "free" : "gold");
        }
        log.event("viewer1", "item-1", EventType.EVENT_TYPE_VIEW, 0, LAST_DAY * DAY);
        log.event("viewer2", "item-2", EventType.EVENT_TYPE_VIEW, 0, (LAST_DAY - 3) * DAY);
    }

    /** A user with {@code purchases} purchases of {@code amount}, the last {@code recencyDays} before LAST_DAY. */
    void buyer(String user, int purchases, int recencyDays, double amount, String... attributes) {
        Map<String, String> attrs = new java.util.HashMap<>();
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            attrs.put(attributes[i], attributes[i + 1]);
        }
        log.user(User.newBuilder().setUserId(user).putAllAttributes(attrs)
                .setConsent(ConsentStatus.CONSENT_STATUS_GRANTED).build());
        for (int p = 0; p < purchases; p++) {
            log.event(user, "item-" + (p % 7), EventType.EVENT_TYPE_PURCHASE, amount,
                    (LAST_DAY - recencyDays - 3L * p) * DAY);
        }
    }

    /** Runs a build to its end; returns every message. */
    List<BuildSegmentationResponse> buildAll(BuildSegmentationRequest request) {
        List<BuildSegmentationResponse> messages = new ArrayList<>();
        stub().buildSegmentation(request).forEachRemaining(messages::add);
        return messages;
    }

    Segmentation build(BuildSegmentationRequest request) {
        List<BuildSegmentationResponse> messages = buildAll(request);
        BuildSegmentationResponse last = messages.get(messages.size() - 1);
        assertTrue(last.hasSegmentation(), "the last message is the segmentation");
        return last.getSegmentation();
    }
    Response redis(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(5));
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
