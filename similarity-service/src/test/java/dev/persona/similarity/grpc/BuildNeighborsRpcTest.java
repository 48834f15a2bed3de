package dev.persona.similarity.grpc;

import static dev.persona.common.testing.GrpcAssertions.assertStatus;
import static dev.persona.common.testing.GrpcAssertions.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.BuildNeighborsRequest;
import dev.persona.api.v1.BuildNeighborsResponse;
import dev.persona.api.v1.BuildResult;
import dev.persona.api.v1.Entity;
import dev.persona.api.v1.GetNeighborsStatusRequest;
import dev.persona.api.v1.GetSimilarItemsRequest;
import dev.persona.api.v1.GetSimilarItemsResponse;
import dev.persona.api.v1.Metric;
import dev.persona.api.v1.NeighborsStatus;
import dev.persona.common.redis.RedisKeys;
import dev.persona.common.testing.StandInProfileResource;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StandInProfileResource.class)
class BuildNeighborsRpcTest extends SimilarityTestSupport {

    private void smallLog() {
        for (int u = 1; u <= 6; u++) {
            for (int i = 1; i <= 5; i++) {
                if ((u + i) % 3 != 0) {
                    log.rating("u" + u, "i" + i, 1 + (u * i) % 5);
                }
            }
        }
    }

    @Test
    void streamsEveryPhaseThenTheResultAndNumbersGenerations() {
        smallLog();
        List<BuildNeighborsResponse> messages = buildAll(BuildNeighborsRequest.newBuilder()
                .setEntity(Entity.ENTITY_ITEM).setK(3).build());
        List<String> phases = new ArrayList<>();
        for (BuildNeighborsResponse m : messages.subList(0, messages.size() - 1)) {
            assertTrue(m.hasProgress());
            assertTrue(m.getProgress().getTotal() == 0 || m.getProgress().getDone() <= m.getProgress().getTotal());
            if (!phases.contains(m.getProgress().getPhase())) {
                phases.add(m.getProgress().getPhase());
            }
        }
        assertEquals(List.of("load", "compute", "write", "switch"), phases);
        BuildResult result = messages.get(messages.size() - 1).getResult();
        assertEquals(1, result.getGeneration());
        assertEquals(Metric.METRIC_COSINE, result.getMetric());
        assertEquals(Entity.ENTITY_ITEM, result.getEntity());
        assertEquals(5, result.getEntities());
        assertEquals(15, result.getPairs());
        assertEquals(log.rating("u9", "i9", 1) - 2, result.getBuiltToSequence());
        assertTrue(result.hasBuiltAt());

        BuildResult second = build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 3);
        assertEquals(2, second.getGeneration());
        assertEquals(5, second.getEntities());
        List<String> generations = keys("nbr:item:cosine:g*");
        assertTrue(generations.size() <= 2, generations.toString());
    }

    @Test
    void rejectsBadRequestsNamingTheField() {
        smallLog();
        BuildNeighborsRequest item = BuildNeighborsRequest.newBuilder().setEntity(Entity.ENTITY_ITEM).build();
        assertStatus(Status.Code.INVALID_ARGUMENT, "entity",
                () -> buildAll(BuildNeighborsRequest.getDefaultInstance()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k", () -> buildAll(item.toBuilder().setK(1001).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k", () -> buildAll(item.toBuilder().setK(-1).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "min_support",
                () -> buildAll(item.toBuilder().setMinSupport(-1).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "shrinkage",
                () -> buildAll(item.toBuilder().setShrinkage(-0.5).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "shrinkage",
                () -> buildAll(item.toBuilder().setShrinkage(Double.NaN).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "threads",
                () -> buildAll(item.toBuilder().setThreads(257).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "binary", () -> buildAll(item.toBuilder()
                .setMetric(Metric.METRIC_PEARSON).setBinary(true).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "metric", () -> buildAll(item.toBuilder()
                .setMetricValue(99).build()));
    }

    @Test
    void anEmptyLogIsAFailedPrecondition() {
        assertStatus(Status.Code.FAILED_PRECONDITION, "no interaction",
                () -> build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 5));
        assertTrue(keys("nbr:*").isEmpty(), "nothing is left behind");
    }

    @Test
    void aSecondBuildOfTheSameScopeIsAbortedWhileAnotherScopeMayRun() throws Exception {
        smallLog();
        CountDownLatch gate = new CountDownLatch(1);
        log.gate = gate;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BuildResult> first = pool.submit(() -> build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 5));
            eventually("the first build holds its lock", () -> !keys("nbr:item:cosine:lock").isEmpty());
            assertStatus(Status.Code.ABORTED, "already running",
                    () -> build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 5));
            NeighborsStatus running = stub().getNeighborsStatus(GetNeighborsStatusRequest.getDefaultInstance())
                    .getStatuses(0);
            assertTrue(running.getBuilding());
            assertEquals(0, running.getGeneration());
            gate.countDown();
            assertEquals(1, first.get().getGeneration());
        } finally {
            log.gate = null;
            gate.countDown();
            pool.shutdownNow();
        }
        assertEquals(2, build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 5).getGeneration());
    }

    @Test
    void aBuildThatFailsHalfWayLeavesThePreviousGenerationServing() {
        smallLog();
        build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 3);
        GetSimilarItemsRequest query = GetSimilarItemsRequest.newBuilder().setItemId("i1").build();
        GetSimilarItemsResponse before = stub().getSimilarItems(query);

        for (int u = 1; u <= 5; u++) {
            log.rating("u" + u, "i9", u);
        }
        log.failAfterBatches = 1;
        assertStatus(Status.Code.UNAVAILABLE, "profile-service",
                () -> build(Entity.ENTITY_ITEM, Metric.METRIC_COSINE, 3));
        log.failAfterBatches = -1;
        assertEquals(before, stub().getSimilarItems(query));
        assertEquals(List.of(), keys("nbr:item:cosine:g2"));
        assertFalse(status().getBuilding());
        assertEquals(1, status().getGeneration());
    }

    @Test
    void aBuildThatLosesItsLockWhileWritingDoesNotSwitch() {
        smallLog();
        build(Entity.ENTITY_ITEM, Metric.METRIC_JACCARD, 3);
        GetSimilarItemsRequest query = GetSimilarItemsRequest.newBuilder().setItemId("i2")
                .setMetric(Metric.METRIC_JACCARD).build();
        GetSimilarItemsResponse before = stub().getSimilarItems(query);
        log.rating("u7", "i1", 5);
        String lock = RedisKeys.of(tenant, "nbr", "item:jaccard") + ":lock";
        log.afterExport = () -> redis(Request.cmd(Command.DEL).arg(lock));
        try {
            assertStatus(Status.Code.ABORTED, "lost its lock",
                    () -> build(Entity.ENTITY_ITEM, Metric.METRIC_JACCARD, 3));
        } finally {
            log.afterExport = null;
        }
        assertEquals(before, stub().getSimilarItems(query));
        assertEquals(List.of(), keys("nbr:item:jaccard:g2"));
        assertEquals(2, build(Entity.ENTITY_ITEM, Metric.METRIC_JACCARD, 3).getGeneration());
    }

    private NeighborsStatus status() {
        Iterator<NeighborsStatus> it = stub().getNeighborsStatus(GetNeighborsStatusRequest.getDefaultInstance())
                .getStatusesList().iterator();
        return it.next();
    }
}
