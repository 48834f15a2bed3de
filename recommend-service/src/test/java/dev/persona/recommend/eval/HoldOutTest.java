package dev.persona.recommend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldOutTest {

    private static UserEvent view(String item, long at) {
        return new UserEvent(item, EventKind.VIEW, 0, at);
    }

    private static UserEvent rating(String item, double value, long at) {
        return new UserEvent(item, EventKind.RATING, value, at);
    }

    private static List<UserEvent> views(int n) {
        List<UserEvent> h = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            h.add(view("i" + i, i));
        }
        return h;
    }

    @Test
    void holdsOutTheCeilingOfTheFractionOfDistinctItems() {
        List<UserEvent> five = views(5);
        five.add(view("i0", 10)); // a second event of i0 goes with it
        HoldOut a = HoldOut.split(Map.of("u", five, "single", views(1)), 0.2, 7);
        assertEquals(1, a.test().get("u").size());
        assertFalse(a.test().containsKey("single"), "a user with one item stays in training only");
        assertEquals(List.of(view("i0", 0)), a.train().get("single"));
        assertEquals(7, a.trainCount() + a.testCount());
        HoldOut half = HoldOut.split(Map.of("u", views(5)), 0.5, 7);
        assertEquals(3, half.test().get("u").size(), "ceil(0.5 · 5)");
        assertEquals(2, half.train().get("u").size());
        HoldOut most = HoldOut.split(Map.of("u", views(2)), 0.9, 7);
        assertEquals(1, most.test().get("u").size(), "every user keeps an item to train on");
        Set<String> items = new HashSet<>(a.test().get("u").keySet());
        a.train().get("u").forEach(e -> assertFalse(items.contains(e.itemId()), "an item is on one side only"));
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        Map<String, List<UserEvent>> data = Map.of("u1", views(20), "u2", views(20));
        assertEquals(HoldOut.split(data, 0.3, 42).test(), HoldOut.split(data, 0.3, 42).test());
        boolean differs = false;
        for (long seed = 1; seed < 10 && !differs; seed++) {
            differs = !HoldOut.split(data, 0.3, seed).test().equals(HoldOut.split(data, 0.3, 0).test());
        }
        assertTrue(differs, "another seed draws other items");
    }

    @Test
    void relevanceFollowsTheThreshold() {
        List<UserEvent> h = List.of(rating("low", 3, 1), rating("high", 4, 2), view("seen", 3), rating("keep", 5, 4));
        HoldOut all = HoldOut.split(Map.of("u", h), 0.75, 1);
        Set<String> held = all.test().get("u").keySet();
        assertEquals(3, held.size());
        Set<String> expected = new HashSet<>(held);
        expected.remove("low");
        assertEquals(expected, all.relevant("u", 4));
        assertEquals(held, all.relevant("u", 0));
        Map<String, Double> ratings = all.heldOutRatings("u");
        held.forEach(item -> assertEquals(!item.equals("seen"), ratings.containsKey(item)));
    }
}
