package dev.persona.recommend.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.Filter;
import dev.persona.api.v1.PredictRatingRequest;
import dev.persona.api.v1.PredictRatingResponse;
import dev.persona.api.v1.RankItemsRequest;
import dev.persona.api.v1.RecommendRequest;
import dev.persona.api.v1.RecommendResponse;
import dev.persona.api.v1.RecommendSimilarItemsRequest;
import dev.persona.api.v1.RecommendSimilarItemsResponse;
import dev.persona.api.v1.Recommendation;
import dev.persona.api.v1.Strategy;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class RecommendRpcTest extends RecommendTestSupport {

    private RecommendResponse recommend(String user, Strategy strategy, int k, Filter filter, boolean explain) {
        return stub().recommend(RecommendRequest.newBuilder().setUserId(user).setStrategy(strategy).setK(k)
                .setFilter(filter).setExplain(explain).build());
    }

    private RecommendResponse recommend(String user, Strategy strategy, int k) {
        return recommend(user, strategy, k, Filter.getDefaultInstance(), false);
    }

    private static List<String> ids(RecommendResponse r) {
        return r.getRecommendationsList().stream().map(Recommendation::getItemId).toList();
    }

    @Test
    void popularityServesColdStartsAndNeverInactiveItems() {
        crowd();
        RecommendResponse popular = recommend("newbie", Strategy.STRATEGY_POPULAR, 3);
        assertEquals(List.of("starwars", "alien", "heat"), ids(popular));
        assertEquals(Strategy.STRATEGY_POPULAR, popular.getStrategyUsed());
        assertTrue(popular.getColdStart());
        assertFalse(popular.getRecommendationId().isEmpty());

        RecommendResponse auto = recommend("newbie", Strategy.STRATEGY_UNSPECIFIED, 3);
        assertEquals(Strategy.STRATEGY_TRENDING, auto.getStrategyUsed());
        assertEquals(List.of("starwars", "alien", "heat"), ids(auto));
        assertNotEquals(popular.getRecommendationId(), auto.getRecommendationId());
    }

    @Test
    void itemKnnStartsFromTheHistoryAndExplainsItself() {
        crowd();
        log.rating("u1", "alien", 5);
        neighbours("item:cosine", Map.of("alien", List.of(n("aliens", 0.9), n("starwars", 0.5), n("heat", 0.1))));
        RecommendResponse r = recommend("u1", Strategy.STRATEGY_ITEM_KNN, 2, Filter.getDefaultInstance(), true);
        assertEquals(List.of("aliens", "starwars"), ids(r));
        assertEquals(Strategy.STRATEGY_ITEM_KNN, r.getStrategyUsed());
        assertEquals("item:cosine:g1", r.getModelVersion());
        assertFalse(r.getColdStart());
        assertEquals(List.of("alien"), r.getRecommendations(0).getExplanation().getBecauseItemIdsList());
        assertEquals("Because you rated Alien", r.getRecommendations(0).getExplanation().getText());
    }

    @Test
    void userKnnRecommendsWhatSimilarUsersLiked() {
        crowd();
        log.rating("u1", "alien", 5);
        neighbours("user:cosine", Map.of("u1", List.of(n("p1", 0.8), n("p3", 0.4))));
        RecommendResponse r = recommend("u1", Strategy.STRATEGY_USER_KNN, 3);
        assertEquals(Strategy.STRATEGY_USER_KNN, r.getStrategyUsed());
        assertEquals(List.of("starwars", "heat", "ronin"), ids(r));
    }

    @Test
    void namedStrategiesWithoutListsFailWhileTheAutomaticChoiceFallsBack() {
        crowd();
        log.rating("u1", "alien", 5);
        assertStatus(Status.Code.FAILED_PRECONDITION, "BuildNeighbors",
                () -> recommend("u1", Strategy.STRATEGY_ITEM_KNN, 3));
        assertStatus(Status.Code.FAILED_PRECONDITION, "user cosine",
                () -> recommend("u1", Strategy.STRATEGY_USER_KNN, 3));
        assertStatus(Status.Code.FAILED_PRECONDITION, "model", () -> recommend("u1", Strategy.STRATEGY_EASE, 3));
        RecommendResponse auto = recommend("u1", Strategy.STRATEGY_UNSPECIFIED, 3);
        assertNotEquals(Strategy.STRATEGY_ITEM_KNN, auto.getStrategyUsed());
        assertEquals(3, auto.getRecommendationsCount());
        assertFalse(ids(auto).contains("alien"), "seen items are excluded");
    }

    @Test
    void filtersRestrictAndKResultsComeWheneverKCandidatesExist() {
        crowd();
        Filter scifi = Filter.newBuilder().addCategories("Sci-Fi").build();
        RecommendResponse r = recommend("newbie", Strategy.STRATEGY_POPULAR, 5, scifi, true);
        assertEquals(List.of("starwars", "alien", "aliens"), ids(r), "gone is inactive");
        assertEquals("Popular pick", r.getRecommendations(2).getExplanation().getText());

        assertFalse(ids(recommend("newbie", Strategy.STRATEGY_POPULAR, 7, Filter.newBuilder()
                .addExcludeItemIds("starwars").build(), false)).contains("starwars"));
        assertEquals(Set.of("alien", "aliens", "ronin"), Set.copyOf(ids(recommend("newbie",
                Strategy.STRATEGY_POPULAR, 7, Filter.newBuilder().setMinPrice(9).setMaxPrice(12).build(), false))));
        List<String> onePerCategory = ids(recommend("newbie", Strategy.STRATEGY_POPULAR, 3,
                Filter.newBuilder().setMaxPerCategory(1).build(), false));
        assertEquals(List.of("starwars", "heat", "cars"), onePerCategory);
        assertTrue(Collections.disjoint(List.of("alien", "aliens", "starwars"), ids(recommend("newbie",
                Strategy.STRATEGY_POPULAR, 7, Filter.newBuilder().addExcludeCategories("Sci-Fi").build(), false))));
    }

    @Test
    void deniedConsentGetsNonPersonalisedOutputOnly() {
        crowd();
        log.rating("u1", "alien", 5);
        neighbours("item:cosine", Map.of("alien", List.of(n("aliens", 0.9))));
        log.user("u1", ConsentStatus.CONSENT_STATUS_DENIED, true);
        for (Strategy s : List.of(Strategy.STRATEGY_UNSPECIFIED, Strategy.STRATEGY_ITEM_KNN)) {
            RecommendResponse r = recommend("u1", s, 3);
            assertTrue(Set.of(Strategy.STRATEGY_POPULAR, Strategy.STRATEGY_TRENDING).contains(r.getStrategyUsed()));
            assertTrue(r.getColdStart());
            assertTrue(ids(r).contains("alien"), "the history is not even read to exclude seen items");
        }
    }

    @Test
    void aJustRecordedEventChangesTheNextRecommendation() {
        crowd();
        log.rating("u5", "alien", 5);
        neighbours("item:cosine", Map.of("alien", List.of(n("aliens", 0.9), n("starwars", 0.5)),
                "heat", List.of(n("ronin", 0.95))));
        List<String> before = ids(recommend("u5", Strategy.STRATEGY_ITEM_KNN, 3));
        assertEquals("aliens", before.get(0));
        assertFalse(before.contains("ronin"));

        long start = System.nanoTime();
        recent("u5", "heat", "PURCHASE", 0);
        List<String> after = ids(recommend("u5", Strategy.STRATEGY_ITEM_KNN, 3));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFalse(after.contains("heat"), "a purchased item disappears");
        // each list scaled to a unit sum of s³: ronin has all of heat's 5, aliens 0.73 / (0.73 + 0.13) of alien's 5
        assertEquals("ronin", after.get(0), "ITEM_KNN uses it at once");
        assertTrue(millis < 1_000, "took " + millis + " ms");
    }

    @Test
    void similarItemsRankingAndPredictions() {
        crowd();
        log.rating("u1", "alien", 5);
        log.rating("u1", "starwars", 3);
        log.rating("u2", "alien", 4);
        log.rating("u2", "aliens", 4);
        neighbours("item:cosine", Map.of("alien", List.of(n("aliens", 0.9), n("starwars", 0.5)),
                "aliens", List.of(n("alien", 0.9), n("starwars", 0.4))));

        RecommendSimilarItemsResponse like = stub().recommendSimilarItems(RecommendSimilarItemsRequest.newBuilder()
                .setItemId("alien").setK(2).build());
        assertEquals(Strategy.STRATEGY_ITEM_KNN, like.getStrategyUsed());
        assertEquals(List.of("aliens", "starwars"), like.getRecommendationsList().stream()
                .map(Recommendation::getItemId).toList());
        RecommendSimilarItemsResponse content = stub().recommendSimilarItems(RecommendSimilarItemsRequest
                .newBuilder().setItemId("up").setK(1).build());
        assertEquals(Strategy.STRATEGY_CONTENT, content.getStrategyUsed());
        assertEquals("cars", content.getRecommendations(0).getItemId());

        List<String> ranked = stub().rankItems(RankItemsRequest.newBuilder().setUserId("u2")
                .addAllItemIds(List.of("heat", "starwars", "up")).setStrategy(Strategy.STRATEGY_ITEM_KNN).build())
                .getRecommendationsList().stream().map(Recommendation::getItemId).toList();
        assertEquals(List.of("starwars", "heat", "up"), ranked, "scored first, then by popularity");

        PredictRatingResponse knn = stub().predictRating(PredictRatingRequest.newBuilder().setUserId("u1")
                .setItemId("aliens").setStrategy(Strategy.STRATEGY_ITEM_KNN).build());
        assertEquals(Strategy.STRATEGY_ITEM_KNN, knn.getStrategyUsed());
        assertFalse(knn.getFallback());
        assertTrue(knn.getRating() >= 3 && knn.getRating() <= 5, String.valueOf(knn.getRating()));
        PredictRatingResponse ghost = stub().predictRating(PredictRatingRequest.newBuilder().setUserId("ghost")
                .setItemId("aliens").build());
        assertTrue(ghost.getFallback());
    }

    @Test
    void badRequestsNameTheirField() {
        crowd();
        RecommendRequest ok = RecommendRequest.newBuilder().setUserId("u1").build();
        assertStatus(Status.Code.INVALID_ARGUMENT, "user_id", () -> stub().recommend(ok.toBuilder().setUserId("")
                .build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k", () -> stub().recommend(ok.toBuilder().setK(501).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k", () -> stub().recommend(ok.toBuilder().setK(-1).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "strategy", () -> stub().recommend(ok.toBuilder()
                .setStrategyValue(99).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "filter.max_price", () -> stub().recommend(ok.toBuilder()
                .setFilter(Filter.newBuilder().setMinPrice(10).setMaxPrice(5)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "filter.min_price", () -> stub().recommend(ok.toBuilder()
                .setFilter(Filter.newBuilder().setMinPrice(Double.NaN)).build()));
        Filter.Builder many = Filter.newBuilder();
        for (int i = 0; i <= 10_000; i++) {
            many.addExcludeItemIds("x" + i);
        }
        assertStatus(Status.Code.INVALID_ARGUMENT, "filter.exclude_item_ids", () -> stub().recommend(ok.toBuilder()
                .setFilter(many).build()));
        assertStatus(Status.Code.NOT_FOUND, "item_id", () -> stub().recommendSimilarItems(
                RecommendSimilarItemsRequest.newBuilder().setItemId("nope").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item_ids", () -> stub().rankItems(RankItemsRequest.newBuilder()
                .setUserId("u1").addItemIds("heat").addItemIds("heat").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item_ids", () -> stub().rankItems(RankItemsRequest.newBuilder()
                .setUserId("u1").build()));
        assertStatus(Status.Code.NOT_FOUND, "item_ids[1]", () -> stub().rankItems(RankItemsRequest.newBuilder()
                .setUserId("u1").addItemIds("heat").addItemIds("nope").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "strategy", () -> stub().predictRating(PredictRatingRequest
                .newBuilder().setUserId("u1").setItemId("heat").setStrategy(Strategy.STRATEGY_CONTENT).build()));
        assertStatus(Status.Code.NOT_FOUND, "item_id", () -> stub().predictRating(PredictRatingRequest.newBuilder()
                .setUserId("u1").setItemId("nope").build()));
    }
}
