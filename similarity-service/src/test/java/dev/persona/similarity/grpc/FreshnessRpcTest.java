package dev.persona.similarity.grpc;

import static dev.persona.common.testing.GrpcAssertions.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetNeighborsStatusRequest;
import dev.persona.api.v1.GetSimilarUsersRequest;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.Neighbor;
import dev.persona.api.v1.NeighborsStatus;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change feed at work: erasures apply at once, growth of the log triggers a rebuild. */
@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class FreshnessRpcTest extends SimilarityTestSupport {

    private void users() {
        for (int u = 1; u <= 5; u++) {
            for (int i = 1; i <= 4; i++) {
                log.rating("u" + u, "i" + ((u + i) % 6), 1 + (u + 2 * i) % 5);
            }
        }
    }

    private List<Neighbor> similarUsers(String user) {
        return stub().getSimilarUsers(GetSimilarUsersRequest.newBuilder().setUserId(user).setK(10).build())
                .getNeighborsList();
    }

    private boolean listed(String user, String among) {
        return similarUsers(among).stream().anyMatch(n -> n.getId().equals(user));
    }

    @Test
    void anErasureNoticeRemovesTheUserFromEveryUserListAtOnce() throws Exception {
        users();
        build(Entity.ENTITY_USER, Metric.METRIC_COSINE, 10);
        build(Entity.ENTITY_USER, Metric.METRIC_JACCARD, 10);
        assertTrue(listed("u3", "u1"), "u3 is u1's neighbour before the erasure");
        assertTrue(!similarUsers("u3").isEmpty());

        log.deleteUser("u3");
        feed("kind", "erase", "user", "u3");
        eventually("u3 has left every list", () -> {
            for (String u : List.of("u1", "u2", "u4", "u5")) {
                if (listed("u3", u)) {
                    return false;
                }
            }
            return true;
        });
        try {
            similarUsers("u3");
            throw new AssertionError("u3's own list should be gone");
        } catch (StatusRuntimeException e) {
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        }
        eventually("the jaccard lists too", () -> stub().getSimilarUsers(GetSimilarUsersRequest.newBuilder()
                .setUserId("u1").setMetric(Metric.METRIC_JACCARD).setK(10).build()).getNeighborsList().stream()
                .noneMatch(n -> n.getId().equals("u3")));
    }

    @Test
    void aLogThatGrewEnoughIsRebuiltByItself() throws Exception {
        users();
        feed("kind", "events", "first_seq", "1", "last_seq", "40", "count", "20", "events", "");
        build(Entity.ENTITY_USER, Metric.METRIC_COSINE, 10);
        NeighborsStatus before = status();
        assertEquals(1, before.getGeneration());
        assertEquals(0, before.getEventsBehind());

        for (int i = 0; i < 12; i++) {
            log.rating("u9", "i" + i, 3);
        }
        feed("kind", "events", "first_seq", "41", "last_seq", "64", "count", "12", "events", "");
        eventually("generation 2 serves", () -> status().getGeneration() == 2);
        NeighborsStatus after = status();
        assertEquals(0, after.getEventsBehind());
        assertEquals(10, after.getK());
        assertTrue(similarUsers("u9").size() > 0, "the new user has neighbours in the rebuilt generation");
    }

    private NeighborsStatus status() {
        return stub().getNeighborsStatus(GetNeighborsStatusRequest.getDefaultInstance()).getStatuses(0);
    }
}
