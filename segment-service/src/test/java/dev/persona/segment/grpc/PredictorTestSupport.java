package dev.persona.segment.grpc;


import com.google.protobuf.Timestamp;
import dev.persona.api.v1.AudienceMember;
import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.SegmentServiceGrpc;
import dev.persona.api.v1.SelectAudienceRequest;
import dev.persona.api.v1.SelectAudienceResponse;
import dev.persona.api.v1.Target;
import dev.persona.api.v1.TrainPredictorRequest;
import dev.persona.api.v1.User;
import dev.persona.common.tenant.RedisTenants;
import dev.persona.common.testing.StandInProfileService;
import dev.persona.common.testing.TenantStubs;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/** A fresh tenant per test, its stand-in ProfileService fixture and the fixtures predictors learn from. */
abstract class PredictorTestSupport {

    static final long DAY = 86_400_000L;
    /** The latest purchase of the churn fixture is on this day (epoch days). */
    static final long LAST_DAY = 20_000;
    /** The churn fixture's cutoff: 90 days before its latest event. */
    static final long CUTOFF_DAY = LAST_DAY - 90;

    @GrpcClient("segment")
    SegmentServiceGrpc.SegmentServiceBlockingStub raw;

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

    /**
     * 240 users with attributes plan (basic, premium, trial), age (numeric, some missing), region (noise) and Churn
     * (Yes/No) drawn with a real signal: basic and trial users and young users churn more.
     */
    void attributeUsers() {
        Random random = new Random(42);
        String[] plans = {"basic", "premium", "trial"};
        for (int i = 0; i < 240; i++) {
            String plan = plans[i % 3];
            int age = 18 + random.nextInt(53);
            double p = switch (plan) {
                case "basic" -> 0.65;
                case "premium" -> 0.05;
                default -> 0.35;
            } + (age < 30 ? 0.3 : age > 50 ? -0.25 : 0);
            boolean churn = random.nextDouble() < p;
            User.Builder u = User.newBuilder().setUserId(String.format("u%03d", i))
                    .setConsent(ConsentStatus.CONSENT_STATUS_GRANTED).putAttributes("plan", plan)
                    .putAttributes("age", i % 17 == 0 ? "" : Integer.toString(age))
                    .putAttributes("region", random.nextBoolean() ? "north" : "south")
                    .putAttributes("Churn", churn ? "Yes" : "No");
            log.user(u.build());
        }
    }

    /**
     * 40 loyal buyers ("l..") purchasing every 10 days up to LAST_DAY, and 40 churners ("c..") whose purchases stop
     * 60 to 200 days before the cutoff; ten loyal buyers also pause in the outcome window (they churn), so the signal
     * is strong but not perfect.
     */
    void churnLog() {
        for (int i = 0; i < 40; i++) {
            String loyal = String.format("l%02d", i);
            for (long d = LAST_DAY - 300 + i % 7; d <= LAST_DAY; d += 10) {
                if (i >= 30 && d >= CUTOFF_DAY) {
                    break;
                }
                log.event(loyal, "item-" + (d % 5), EventType.EVENT_TYPE_PURCHASE, 20 + i % 4, d * DAY);
            }
            String churner = String.format("c%02d", i);
            long stop = CUTOFF_DAY - 60 - 4L * i;
            for (long d = LAST_DAY - 400 + i % 5; d <= stop; d += 15) {
                log.event(churner, "item-" + (d % 5), EventType.EVENT_TYPE_PURCHASE, 15 + i % 3, d * DAY);
            }
        }
        log.event("l00", "item-1", EventType.EVENT_TYPE_PURCHASE, 20, LAST_DAY * DAY);
    }

    static TrainPredictorRequest.Builder attribute() {
        return TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_ATTRIBUTE).setLabelAttribute("Churn")
                .setPositiveValue("Yes");
    }

    static TrainPredictorRequest.Builder churn() {
        return TrainPredictorRequest.newBuilder().setTarget(Target.TARGET_CHURN).setHorizonDays(90)
                .setCutoff(day(CUTOFF_DAY));
    }

    static Timestamp day(long epochDay) {
        return Timestamp.newBuilder().setSeconds(epochDay * 86_400).build();
    }

    List<AudienceMember> audience(SelectAudienceRequest request) {
        List<AudienceMember> out = new ArrayList<>();
        stub().selectAudience(request).forEachRemaining((SelectAudienceResponse r) -> out.addAll(r.getMembersList()));
        return out;
    }

    /** Registers a tenant where this service looks tenants up, as profile-service does (the Redis mirror). */
    void register(String tenantId) {
        registry.add(List.of(tenantId));
    }
}
