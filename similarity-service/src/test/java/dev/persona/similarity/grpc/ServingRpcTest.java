package dev.persona.similarity.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetNeighborsStatusRequest;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.GetSimilarItemsResponse;
import dev.persona.api.v1.GetSimilarUsersRequest;
import dev.persona.api.v1.GetSimilarityRequest;
import dev.persona.api.v1.GetSimilarityResponse;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.Neighbor;
import dev.persona.api.v1.NeighborsStatus;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class ServingRpcTest extends SimilarityTestSupport {

    private static final double EXACT = 1e-12;

    /**
     * Items a and b have exactly the same raters and ratings; e too but it is inactive; c shares one rater with a;
     * d's only rater rated nothing else.
     */
    private void plantedLog() {
        for (String item : List.of("a", "b", "e")) {
            log.rating("u1", item, 5);
            log.rating("u2", item, 3);
            log.rating("u3", item, 4);
        }
        log.rating("u1", "c", 4);
        log.rating("u4", "c", 2);
        log.rating("u5", "d", 5);
        log.item("e", false, true);
        log.item("lonely", true, true);
    }

    private GetSimilarItemsResponse similarItems(String item, int k, Metric metric) {
        return stub().getSimilarItems(GetSimilarItemsRequest.newBuilder().setItemId(item).setK(k).setMetric(metric)
                .build());
    }

    @Test
    void identicalRatersScoreOneAndInactiveItemsAreNeverNeighbours() {
        plantedLog();
        for (Metric metric : List.of(Metric.METRIC_COSINE, Metric.METRIC_JACCARD)) {
            build(Entity.ENTITY_ITEM, metric, 10);
            List<Neighbor> list = similarItems("a", 10, metric).getNeighborsList();
            assertEquals("b", list.get(0).getId(), metric.name());
            assertEquals(1.0, list.get(0).getScore(), EXACT);
            assertEquals(3, list.get(0).getSupport());
            assertTrue(list.stream().noneMatch(n -> n.getId().equals("e")), "inactive e is left out");
        }
        List<Neighbor> cosine = similarItems("a", 10, Metric.METRIC_COSINE).getNeighborsList();
        assertEquals("c", cosine.get(1).getId());
        assertEquals(20 / (Math.sqrt(50) * Math.sqrt(20)), cosine.get(1).getScore(), EXACT);
        assertEquals(2, cosine.size());
        assertEquals(List.of(), similarItems("d", 10, Metric.METRIC_COSINE).getNeighborsList(),
                "an item without co-raters has an empty list");
        assertEquals(List.of(), similarItems("lonely", 10, Metric.METRIC_COSINE).getNeighborsList(),
                "a known item the log never mentions has an empty list");
        assertTrue(similarItems("e", 10, Metric.METRIC_COSINE).getNeighborsCount() > 0, "inactive items keep a list");
    }

    @Test
    void queriesAreValidatedAndClamped() {
        plantedLog();
        assertStatus(Status.Code.FAILED_PRECONDITION, "BuildNeighbors", () -> similarItems("a", 5,
                Metric.METRIC_COSINE));
        build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 1);
        assertStatus(Status.Code.FAILED_PRECONDITION, "item pearson", () -> similarItems("a", 5,
                Metric.METRIC_PEARSON));
        assertStatus(Status.Code.NOT_FOUND, "item_id", () -> similarItems("nobody", 5, Metric.METRIC_COSINE));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item_id", () -> similarItems("", 5, Metric.METRIC_COSINE));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k", () -> similarItems("a", -1, Metric.METRIC_COSINE));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k", () -> similarItems("a", 1001, Metric.METRIC_COSINE));
        assertEquals(1, similarItems("a", 1000, Metric.METRIC_COSINE).getNeighborsCount(), "at most the built K");
        assertEquals(1, similarItems("a", 0, Metric.METRIC_COSINE).getGeneration());
    }

    @Test
    void similarUsersLeaveOutDeniedConsentAndUnknownUsersAreNotFound() {
        plantedLog();
        log.rating("u6", "a", 5);
        log.rating("u6", "b", 3);
        log.user("u2", ConsentStatus.CONSENT_STATUS_DENIED, true);
        build(Entity.ENTITY_USER, Metric.METRIC_COSINE, 10);
        List<Neighbor> u1 = stub().getSimilarUsers(GetSimilarUsersRequest.newBuilder().setUserId("u1").build())
                .getNeighborsList();
        assertTrue(u1.stream().noneMatch(n -> n.getId().equals("u2")), u1.toString());
        assertTrue(u1.stream().anyMatch(n -> n.getId().equals("u3")));
        assertEquals(List.of(), stub().getSimilarUsers(GetSimilarUsersRequest.newBuilder().setUserId("u2").build())
                .getNeighborsList());
        assertStatus(Status.Code.NOT_FOUND, "user_id", () -> stub().getSimilarUsers(
                GetSimilarUsersRequest.newBuilder().setUserId("ghost").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user_id", () -> stub().getSimilarUsers(
                GetSimilarUsersRequest.newBuilder().setUserId("bad\u0001id").build()));
    }

    @Test
    void exactSimilarityNeedsNoBuildAndSeesTheNewestEvents() {
        plantedLog();
        GetSimilarityRequest ab = GetSimilarityRequest.newBuilder().setEntity(Entity.ENTITY_ITEM).setA("a").setB("b")
                .build();
        assertEquals(1.0, stub().getSimilarity(ab).getScore(), EXACT);
        GetSimilarityResponse ac = stub().getSimilarity(ab.toBuilder().setB("c").build());
        assertEquals(20 / (Math.sqrt(50) * Math.sqrt(20)), ac.getScore(), EXACT);
        assertEquals(1, ac.getSupport());
        GetSimilarityResponse shrunk = stub().getSimilarity(ab.toBuilder().setShrinkage(3).build());
        assertEquals(0.5, shrunk.getScore(), EXACT);
        GetSimilarityResponse jaccard = stub().getSimilarity(ab.toBuilder().setB("c")
                .setMetric(Metric.METRIC_JACCARD).build());
        assertEquals(1.0 / 4, jaccard.getScore(), EXACT);

        log.rating("u4", "a", 2);
        assertEquals(2, stub().getSimilarity(ab.toBuilder().setB("c").build()).getSupport(), "a new event counts");

        GetSimilarityResponse none = stub().getSimilarity(ab.toBuilder().setB("lonely").build());
        assertEquals(0, none.getScore());
        assertEquals(0, none.getSupport());
        GetSimilarityResponse users = stub().getSimilarity(GetSimilarityRequest.newBuilder()
                .setEntity(Entity.ENTITY_USER).setA("u1").setB("u3").build());
        assertEquals(60 / Math.sqrt(91 * 48), users.getScore(), EXACT);
        assertEquals(3, users.getSupport());

        assertStatus(Status.Code.NOT_FOUND, "a", () -> stub().getSimilarity(ab.toBuilder().setA("ghost").build()));
        assertStatus(Status.Code.NOT_FOUND, "b", () -> stub().getSimilarity(ab.toBuilder().setB("ghost").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "entity", () -> stub().getSimilarity(
                ab.toBuilder().setEntity(Entity.ENTITY_UNSPECIFIED).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "b", () -> stub().getSimilarity(ab.toBuilder().setB("").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "binary", () -> stub().getSimilarity(
                ab.toBuilder().setMetric(Metric.METRIC_ADJUSTED_COSINE).setBinary(true).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "shrinkage", () -> stub().getSimilarity(
                ab.toBuilder().setShrinkage(Double.POSITIVE_INFINITY).build()));
    }

    @Test
    void statusListsEveryScopeAndHowFarBehindItIs() {
        assertEquals(0, stub().getNeighborsStatus(GetNeighborsStatusRequest.getDefaultInstance()).getStatusesCount());
        plantedLog();
        build(Entity.ENTITY_USER, Metric.METRIC_JACCARD, 4);
        build(Entity.ENTITY_ITEM, Metric.METRIC_PEARSON, 7);
        log.rating("u1", "d", 1);
        log.rating("u2", "d", 2);
        List<NeighborsStatus> statuses = stub().getNeighborsStatus(GetNeighborsStatusRequest.getDefaultInstance())
                .getStatusesList();
        assertEquals(2, statuses.size());
        NeighborsStatus items = statuses.get(0);
        assertEquals(Entity.ENTITY_ITEM, items.getEntity());
        assertEquals(Metric.METRIC_PEARSON, items.getMetric());
        assertEquals(1, items.getGeneration());
        assertEquals(7, items.getK());
        assertEquals(2, items.getEventsBehind());
        assertEquals(1, items.getMinSupport());
        assertTrue(items.hasBuiltAt());
        NeighborsStatus users = statuses.get(1);
        assertEquals(Entity.ENTITY_USER, users.getEntity());
        assertEquals(4, users.getK());
        assertEquals(2, users.getEventsBehind());
    }
}
