package dev.persona.recommend.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static dev.persona.common.testing.GrpcAssertions.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.GetStrategyMetricsRequest;
import dev.persona.api.v1.GetStrategyMetricsResponse;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.Strategy;
import dev.persona.api.v1.StrategyMetrics;
import dev.persona.common.testing.GrpcAssertions;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class StrategyMetricsRpcTest extends RecommendTestSupport {

    private RecommendResponse recommend(String user, Strategy strategy) {
        return stub().recommend(RecommendRequest.newBuilder().setUserId(user).setStrategy(strategy).setK(3).build());
    }

    private GetStrategyMetricsResponse metrics() {
        return stub().getStrategyMetrics(GetStrategyMetricsRequest.getDefaultInstance());
    }

    private StrategyMetrics of(GetStrategyMetricsResponse r, Strategy s) {
        return r.getStrategiesList().stream().filter(m -> m.getStrategy() == s).findFirst().orElseThrow();
    }

    /** Tells the service the log grew, as profile-service does after a commit. */
    private void committed() {
        GrpcAssertions.feed(redis, tenant, "kind", "events");
    }
    @Test
    void countsServedListsAndAttributedClicksAndPurchasesOncePerListAndItem() throws Exception {
        crowd();
        assertEquals(List.of(), metrics().getStrategiesList());
        RecommendResponse first = recommend("newbie", Strategy.STRATEGY_POPULAR);
        RecommendResponse second = recommend("other", Strategy.STRATEGY_POPULAR);
        recommend("third", Strategy.STRATEGY_TRENDING);
        String item = first.getRecommendations(0).getItemId();
        log.attributed("newbie", item, EventType.EVENT_TYPE_CLICK, 0, first.getRecommendationId());
        log.attributed("newbie", item, EventType.EVENT_TYPE_CLICK, 0, first.getRecommendationId()); // once per item
        log.attributed("newbie", item, EventType.EVENT_TYPE_PURCHASE, 15, first.getRecommendationId());
        log.attributed("other", second.getRecommendations(1).getItemId(), EventType.EVENT_TYPE_CLICK, 0,
                second.getRecommendationId());
        log.attributed("other", "heat", EventType.EVENT_TYPE_VIEW, 0, second.getRecommendationId()); // not counted
        committed();
        eventually("the clicks are attributed", () -> of(metrics(), Strategy.STRATEGY_POPULAR).getClicks() == 2);
        GetStrategyMetricsResponse r = metrics();
        assertEquals(List.of(Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_TRENDING),
                r.getStrategiesList().stream().map(StrategyMetrics::getStrategy).toList());
        StrategyMetrics popular = of(r, Strategy.STRATEGY_POPULAR);
        assertEquals(2, popular.getServed());
        assertEquals(first.getRecommendationsCount() + second.getRecommendationsCount(), popular.getItemsServed());
        assertEquals(1, popular.getPurchases());
        assertEquals(15, popular.getRevenue(), 1e-9);
        assertEquals(1.0, popular.getClickThroughRate(), 1e-9);
        assertEquals(0.5, popular.getConversionRate(), 1e-9);
        StrategyMetrics trending = of(r, Strategy.STRATEGY_TRENDING);
        assertEquals(1, trending.getServed());
        assertEquals(0, trending.getClicks());
        assertTrue(r.hasUntil());
        assertTrue(!r.hasSince());

        // A window that ends before anything was served is empty.
        GetStrategyMetricsResponse before = stub().getStrategyMetrics(GetStrategyMetricsRequest.newBuilder()
                .setUntil(Timestamp.newBuilder().setSeconds(1_000)).build());
        assertEquals(List.of(), before.getStrategiesList());

        // An erasure takes the user's attributed events away.
        log.deleteUser("newbie");
        GrpcAssertions.feed(redis, tenant, "kind", "erase", "user", "newbie");
        eventually("newbie's events are forgotten", () -> of(metrics(), Strategy.STRATEGY_POPULAR).getClicks() == 1);
        assertEquals(0, of(metrics(), Strategy.STRATEGY_POPULAR).getPurchases());
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertStatus(Status.Code.INVALID_ARGUMENT, "until", () -> stub().getStrategyMetrics(
                GetStrategyMetricsRequest.newBuilder().setSince(Timestamp.newBuilder().setSeconds(2_000))
                        .setUntil(Timestamp.newBuilder().setSeconds(1_000)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "since", () -> stub().getStrategyMetrics(
                GetStrategyMetricsRequest.newBuilder().setSince(Timestamp.newBuilder().setSeconds(-5)).build()));
    }
}
