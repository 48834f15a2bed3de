package dev.persona.profile.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileCalculatorTest {

    private static final long DAY = 86_400_000_000L;
    private static final double[] WEIGHTS = {0, 1, 2, 3, 5, 4, 0};
    private final ProfileCalculator calc = new ProfileCalculator(WEIGHTS, 5, 10 * DAY, 2);

    @Test
    void rfmCountsAndMeanRatingByHand() {
        UserEvents e = new UserEvents();
        e.add(4, 20, 0, "", null);
        e.add(4, 30, 5 * DAY, "", null);
        e.add(5, 3, 6 * DAY, "", null);
        e.add(5, 5, 7 * DAY, "", null);
        e.add(1, 0, 8 * DAY, "", null);
        Profile p = calc.compute(e, 10 * DAY);
        assertArrayEquals(new long[] {0, 1, 0, 0, 2, 2, 0}, p.eventCounts());
        assertEquals(5.0, p.recencyDays(), 1e-12);
        assertEquals(2, p.frequency());
        assertEquals(50.0, p.monetary(), 1e-12);
        assertEquals(4.0, p.meanRating(), 1e-12);
        assertEquals(2, p.ratingCount());
        assertEquals(0, p.firstSeen());
        assertEquals(8 * DAY, p.lastSeen());
    }

    @Test
    void affinitiesDecayByHalfLifeAndKeepTheTopPerDimension() {
        UserEvents e = new UserEvents();
        e.add(2, 0, 0, "books", new String[] {"a", "b", "a"});
        e.add(4, 10, 10 * DAY, "music", new String[] {"c"});
        e.add(1, 0, 20 * DAY, "film", new String[] {"d"});
        e.add(6, 0, 20 * DAY, "garden", new String[] {"e"});
        Profile p = calc.compute(e, 20 * DAY);
        // click 2 at two half-lives = 0.5; purchase 5 at one half-life = 2.5; view 1 now = 1; impression weighs 0
        assertEquals(List.of(
                new Profile.Affinity("category", "music", 2.5),
                new Profile.Affinity("category", "film", 1.0),
                new Profile.Affinity("tag", "c", 2.5),
                new Profile.Affinity("tag", "d", 1.0)), p.affinities());
        Profile all = new ProfileCalculator(WEIGHTS, 5, 10 * DAY, 10).compute(e, 20 * DAY);
        assertEquals(new Profile.Affinity("tag", "a", 0.5), all.affinities().get(5), "a repeated tag counts once per item");
        assertEquals(7, all.affinities().size());
    }

    @Test
    void ratingsWeighByTheirValueAndLaterEventsAreIgnored() {
        UserEvents e = new UserEvents();
        e.add(5, 2.5, 0, "x", null);
        e.add(5, 5, DAY, "x", null);
        Profile p = calc.compute(e, 0);
        assertEquals(List.of(new Profile.Affinity("category", "x", 4 * 2.5 / 5)), p.affinities());
        assertEquals(1, p.ratingCount());
        assertEquals(-1, p.recencyDays());
    }

    @Test
    void noEventsGivesAnEmptyProfile() {
        Profile p = calc.compute(new UserEvents(), DAY);
        assertEquals(Long.MIN_VALUE, p.firstSeen());
        assertEquals(Long.MIN_VALUE, p.lastSeen());
        assertEquals(0, p.meanRating());
        assertEquals(List.of(), p.affinities());
    }

    @Test
    void refusesANonPositiveHalfLife() {
        assertThrows(IllegalArgumentException.class, () -> new ProfileCalculator(WEIGHTS, 5, 0, 1));
    }
}
