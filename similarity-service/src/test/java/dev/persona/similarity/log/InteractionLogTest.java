package dev.persona.similarity.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.core.similarity.Metric;
import dev.persona.core.similarity.NeighborKernel;
import dev.persona.core.similarity.NeighborLists;
import dev.persona.core.similarity.NeighborParams;
import dev.persona.core.similarity.PairSimilarity;
import dev.persona.core.similarity.SparseRows;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InteractionLogTest {

    @Test
    void theLatestRatingWinsElseTheLargestWeight() {
        InteractionLog log = new InteractionLog();
        log.append(1, "u", "a", 2, false);
        log.append(2, "u", "a", 5, false);
        log.append(3, "u", "a", 1, false);
        log.append(4, "u", "b", 4, true);
        log.append(5, "u", "b", 5, false);
        log.append(6, "u", "b", 2, true);
        Snapshot snapshot = log.snapshot(false, id -> true);
        SparseRows rows = snapshot.matrix().byUser();
        assertArrayEquals(new String[] {"a", "b"}, snapshot.itemIds());
        assertEquals(5.0, rows.value(rows.rowStart(0)));
        assertEquals(2.0, rows.value(rows.rowStart(0) + 1));
        assertEquals(6, snapshot.sequence());
        assertEquals(6, snapshot.events());
        assertEquals(2, log.pairs());
    }

    @Test
    void snapshotsOrderIdsAndLeaveOutExcludedUsers() {
        InteractionLog log = new InteractionLog();
        log.append(1, "zed", "i2", 1, false);
        log.append(2, "amy", "i1", 1, false);
        log.append(3, "bob", "i3", 1, false);
        Snapshot snapshot = log.snapshot(true, id -> !id.equals("bob"));
        assertArrayEquals(new String[] {"amy", "zed"}, snapshot.userIds());
        assertArrayEquals(new String[] {"i1", "i2"}, snapshot.itemIds());
        assertEquals(2, snapshot.matrix().nnz());
    }

    @Test
    void erasureRemovesEveryPairOfTheUser() {
        InteractionLog log = new InteractionLog();
        log.append(1, "u1", "a", 1, false);
        log.append(2, "u1", "b", 1, false);
        log.append(3, "u2", "a", 1, false);
        assertTrue(log.eraseUser("u1"));
        assertFalse(log.eraseUser("u1"));
        assertFalse(log.hasUser("u1"));
        assertFalse(log.hasItem("b"));
        assertTrue(log.hasItem("a"));
        Snapshot snapshot = log.snapshot(false, id -> true);
        assertArrayEquals(new String[] {"u2"}, snapshot.userIds());
        assertArrayEquals(new String[] {"a"}, snapshot.itemIds());
        log.append(4, "u1", "b", 3, false);
        assertEquals(2, log.pairs());
    }

    @Test
    void countsEventsAfterASequenceAndRefusesGoingBack() {
        InteractionLog log = new InteractionLog();
        log.append(3, "u", "a", 1, false);
        log.append(7, "u", "b", 1, false);
        log.skipTo(9);
        log.append(12, "v", "b", 1, false);
        assertEquals(3, log.eventsAfter(0));
        assertEquals(2, log.eventsAfter(3));
        assertEquals(1, log.eventsAfter(9));
        assertEquals(0, log.eventsAfter(12));
        assertThrows(IllegalArgumentException.class, () -> log.append(12, "u", "c", 1, false));
    }

    @Test
    void onDemandScoresMatchTheKernelOnTheSnapshot() {
        Random random = new Random(11);
        InteractionLog log = new InteractionLog();
        for (int seq = 1; seq <= 3000; seq++) {
            boolean rating = random.nextBoolean();
            log.append(seq, "u" + random.nextInt(80), "i" + random.nextInt(60),
                    rating ? 1 + random.nextInt(5) : random.nextInt(4), rating);
        }
        log.eraseUser("u3");
        for (Metric metric : Metric.values()) {
            Snapshot snapshot = log.snapshot(false, id -> true);
            NeighborLists lists = new NeighborKernel(2).itemNeighbors(snapshot.matrix(),
                    new NeighborParams(metric, 5, 1, 2));
            for (int row = 0; row < lists.rows(); row++) {
                for (int p = lists.start(row); p < lists.end(row); p++) {
                    PairSimilarity.Score score = log.similarity(true, snapshot.itemIds()[row],
                            snapshot.itemIds()[lists.neighbor(p)], metric, 2, false);
                    assertEquals(lists.score(p), score.score(), 1e-9, metric.name());
                    assertEquals(lists.support(p), score.support());
                }
            }
            NeighborLists users = new NeighborKernel(1).userNeighbors(snapshot.matrix(),
                    new NeighborParams(metric, 5, 1, 0));
            for (int row = 0; row < users.rows(); row++) {
                for (int p = users.start(row); p < users.end(row); p++) {
                    assertEquals(users.score(p), log.similarity(false, snapshot.userIds()[row],
                            snapshot.userIds()[users.neighbor(p)], metric, 0, false).score(), 1e-9);
                }
            }
        }
        assertEquals(0, log.similarity(true, "i1", "nope", Metric.COSINE, 0, false).support());
    }
}
