package dev.persona.recommend.blend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.recommend.core.Scored;
import java.util.List;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void ranksByScoreThenIdWithPositiveReasonsLargestFirst() {
        Tally tally = new Tally();
        tally.add("b", 1);
        tally.add("a", 1);
        tally.add("c", 2);
        tally.credit("c", "r2", 1);
        tally.credit("c", "r1", 1);
        tally.credit("c", "r3", 0.5);
        tally.credit("c", "r4", 3);
        tally.credit("c", "r4", -2.5);
        tally.credit("c", "r5", -1);
        assertEquals(List.of(
                new Scored("c", 2, List.of("r1", "r2", "r3")),
                new Scored("a", 1, List.of()),
                new Scored("b", 1, List.of())), tally.ranked());
    }

    @Test
    void negativeZeroTiesWithZero() {
        Tally tally = new Tally();
        tally.add("b", 0.0);
        tally.add("a", -0.0);
        assertEquals(List.of("a", "b"), tally.ranked().stream().map(Scored::itemId).toList());
    }
}
