package dev.persona.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    /** The worked example of the nearest-rank method: n = 5, rank = ceil(p / 100 * 5). */
    @ParameterizedTest
    @CsvSource({"5, 15", "30, 20", "40, 20", "50, 35", "100, 50"})
    void nearestRankOfAFiveValueSample(double p, long expected) {
        assertEquals(expected, Percentiles.of(new long[] {35, 20, 15, 50, 40}).at(p));
    }

    @Test
    void oneToAHundredGivesThePercentileItself() {
        long[] sample = new long[100];
        for (int i = 0; i < 100; i++) {
            sample[99 - i] = i + 1;
        }
        Percentiles p = Percentiles.of(sample);
        assertEquals(50, p.at(50));
        assertEquals(90, p.at(90));
        assertEquals(99, p.at(99));
        assertEquals(100, p.max());
        assertEquals(50.5, p.mean(), 1e-12);
    }

    @Test
    void aSingleValueIsEveryPercentile() {
        Percentiles p = Percentiles.of(new long[] {7});
        assertEquals(7, p.at(0.1));
        assertEquals(7, p.at(99.9));
    }

    @Test
    void theSampleIsNotReordered() {
        long[] sample = {3, 1, 2};
        Percentiles.of(sample);
        assertEquals(3, sample[0]);
    }

    @Test
    void emptySamplesAndPercentilesOutsideTheRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}).at(0));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}).at(100.5));
    }
}
