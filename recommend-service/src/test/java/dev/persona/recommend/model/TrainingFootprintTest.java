package dev.persona.recommend.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingFootprintTest {

    @Test
    void easeGrowsWithTheSquareOfTheCatalogueAndMissesNoBigOne() {
        assertEquals(16L * 1000 * 1000, TrainingFootprint.ease(1000));
        // The case: 20,000 items need several GiB, and no int overflow hides a larger catalogue.
        assertTrue(TrainingFootprint.ease(20_000) > 5L << 30);
        assertTrue(TrainingFootprint.ease(50_000) > TrainingFootprint.ease(20_000));
        assertTrue(TrainingFootprint.easeStored(20_000) > TrainingFootprint.MAX_STORED_BYTES,
                "a 20,000-item EASE model does not fit in one PostgreSQL value");
        assertTrue(TrainingFootprint.easeStored(10_000) < TrainingFootprint.MAX_STORED_BYTES);
    }

    @Test
    void alsGrowsWithEntitiesTimesFactorsAndWithThreadsTimesFactorsSquared() {
        long small = TrainingFootprint.als(6040, 3706, 64, 2);
        assertTrue(small > 9746L * 64 * 12 && small < 20L << 20, Long.toString(small));
        assertTrue(TrainingFootprint.als(6040, 3706, 1024, 2) > 15 * small);
        assertTrue(TrainingFootprint.als(6040, 3706, 64, 64) > TrainingFootprint.als(6040, 3706, 64, 2));
        // 3 million users with 1,024 factors: beyond an int, counted in longs.
        assertTrue(TrainingFootprint.als(3_000_000, 100_000, 1024, 2) > 30L << 30);
        assertEquals(9746L * 65 * 4, TrainingFootprint.alsStored(6040, 3706, 64));
    }
}
