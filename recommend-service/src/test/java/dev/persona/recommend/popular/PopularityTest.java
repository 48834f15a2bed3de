package dev.persona.recommend.popular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PopularityTest {

    private static final long H = 1_000;

    private static List<String> ids(List<Scored> scored) {
        return scored.stream().map(Scored::itemId).toList();
    }

    @Test
    void popularCountsDistinctUsersAndIgnoresImpressions() {
        Popularity p = new Popularity();
        p.add("u1", "A", EventKind.VIEW, 0, 1);
        p.add("u1", "A", EventKind.VIEW, 0, 2);
        p.add("u1", "A", EventKind.CLICK, 0, 3);
        p.add("u2", "A", EventKind.VIEW, 0, 4);
        p.add("u3", "A", EventKind.IMPRESSION, 0, 5);
        p.add("u3", "B", EventKind.RATING, 4, 6);
        p.add("u1", "B", EventKind.IMPRESSION, 0, 7);
        p.add("u4", "C", EventKind.IMPRESSION, 0, 8);
        PopularitySnapshot s = p.snapshot();

        assertEquals(2, s.users("A"));
        assertEquals(1, s.users("B"));
        assertEquals(0, s.users("C"));
        // Weighted: view 1 + view 1 + click 2 + view 1 = 5; a 4-star rating on 1–5 weighs 5 · 4 / 5 = 4.
        assertEquals(5, s.weighted("A"), 0);
        assertEquals(4, s.weighted("B"), 0);
        assertEquals(2, s.items());
        assertEquals(3, p.pairs());
        assertEquals(List.of(Scored.of("A", 2), Scored.of("B", 1)), s.top(10, id -> true));
        assertEquals(1, s.popular().rank("A"));
        assertEquals(2, s.popular().rank("B"));
        assertEquals(0, s.popular().rank("C"));
    }

    @Test
    void tiesGoToTheWeightedCountThenToTheSmallerId() {
        Popularity p = new Popularity();
        p.add("u1", "Z", EventKind.VIEW, 0, 1);
        p.add("u2", "X", EventKind.VIEW, 0, 1);
        p.add("u3", "Y", EventKind.PURCHASE, 10, 1);
        p.add("u4", "W", EventKind.VIEW, 0, 1);
        assertEquals(List.of("Y", "W", "X", "Z"), ids(p.snapshot().top(10, id -> true)));
        assertEquals(List.of("Y", "W", "X", "Z"), ids(p.snapshot().topTrending(10, 1, id -> true)));
    }

    @Test
    void trendingHalvesAfterEachHalfLife() {
        Popularity p = new Popularity(EventWeights.DEFAULT, H);
        p.add("u1", "A", EventKind.VIEW, 0, 5_000);
        PopularitySnapshot s = p.snapshot();
        assertEquals(1.0, s.trending("A", 5_000), 1e-12);
        assertEquals(0.5, s.trending("A", 6_000), 1e-12);
        assertEquals(0.25, s.trending("A", 7_000), 1e-12);
        assertEquals(0.25, s.trending(7_000).score("A"), 1e-12);
        assertEquals(Math.pow(2, -0.5), s.trending("A", 5_500), 1e-12);
    }

    @Test
    void trendingCountsEachUserOnceAtTheirLatestEvent() {
        Popularity p = new Popularity(EventWeights.DEFAULT, H);
        p.add("u1", "A", EventKind.VIEW, 0, 0);
        p.add("u1", "A", EventKind.PURCHASE, 0, 1_000);
        // An older event of the same pair, arriving late, changes the weight but not the latest time.
        p.add("u1", "A", EventKind.CLICK, 0, 500);
        p.add("u2", "A", EventKind.VIEW, 0, 0);
        p.add("u2", "A", EventKind.IMPRESSION, 0, 2_000);
        PopularitySnapshot s = p.snapshot();
        // u1 last at 1000 (age 1 h → ½), u2 last at 0 (age 2 h → ¼); the impression does not refresh u2.
        assertEquals(0.5 + 0.25, s.trending("A", 2_000), 1e-12);
        assertEquals(1 + 5 + 2 + 1, s.weighted("A"), 0);
    }

    @Test
    void trendingFavoursRecentUsersWhilePopularCountsAllTime() {
        Popularity p = new Popularity(EventWeights.DEFAULT, H);
        for (int u = 0; u < 3; u++) {
            p.add("old" + u, "A", EventKind.VIEW, 0, 0);
        }
        for (int u = 0; u < 2; u++) {
            p.add("new" + u, "B", EventKind.VIEW, 0, 10_000);
        }
        PopularitySnapshot s = p.snapshot();
        assertEquals(List.of("A", "B"), ids(s.top(2, id -> true)));
        List<Scored> trending = s.topTrending(2, 10_000, id -> true);
        assertEquals(List.of("B", "A"), ids(trending));
        assertEquals(2.0, trending.get(0).score(), 1e-12);
        assertEquals(3 * Math.pow(2, -10), trending.get(1).score(), 1e-15);
        // The order is the same at any time; only the scores scale.
        assertEquals(List.of("B", "A"), ids(s.topTrending(2, 50_000, id -> true)));
    }

    @Test
    void eraseUserSubtractsTheirEventsAndForgetsThem() {
        Popularity p = new Popularity(EventWeights.DEFAULT, H);
        p.add("u1", "A", EventKind.PURCHASE, 0, 0);
        p.add("u1", "B", EventKind.VIEW, 0, 1_000);
        p.add("u2", "A", EventKind.VIEW, 0, 2_000);
        assertTrue(p.eraseUser("u1"));
        assertFalse(p.eraseUser("u1"));
        assertFalse(p.eraseUser("nobody"));
        PopularitySnapshot s = p.snapshot();
        assertEquals(1, s.users("A"));
        assertEquals(1, s.weighted("A"), 0);
        assertEquals(1.0, s.trending("A", 2_000), 1e-12);
        assertEquals(0, s.users("B"));
        assertEquals(List.of("A"), ids(s.top(10, id -> true)));
        assertEquals(1, p.pairs());

        // The same id later counts afresh, from its new events only.
        p.add("u1", "B", EventKind.CLICK, 0, 3_000);
        PopularitySnapshot after = p.snapshot();
        assertEquals(1, after.users("B"));
        assertEquals(2, after.weighted("B"), 0);
        assertEquals(0.5, after.trending("B", 4_000), 1e-12);
    }

    @Test
    void eraseUserEqualsNeverHavingSeenThem() {
        List<RandomLog.Event> log = RandomLog.events(7, 300, 40, 5_000, 200 * H);
        Popularity withErasures = new Popularity(EventWeights.DEFAULT, H);
        Popularity without = new Popularity(EventWeights.DEFAULT, H);
        for (RandomLog.Event e : log) {
            withErasures.add(e.user(), e.item(), e.kind(), e.value(), e.at());
            if (!e.user().equals("u3") && !e.user().equals("u17")) {
                without.add(e.user(), e.item(), e.kind(), e.value(), e.at());
            }
        }
        withErasures.eraseUser("u3");
        withErasures.eraseUser("u17");
        long now = RandomLog.latest(log);
        PopularitySnapshot a = withErasures.snapshot();
        PopularitySnapshot b = without.snapshot();
        assertEquals(b.items(), a.items());
        assertEquals(b.top(1_000, id -> true), a.top(1_000, id -> true));
        for (Scored s : b.top(1_000, id -> true)) {
            assertEquals(b.weighted(s.itemId()), a.weighted(s.itemId()), 1e-9);
            assertEquals(b.trending(s.itemId(), now), a.trending(s.itemId(), now), 1e-9);
        }
    }

    @Test
    void incrementalSumsMatchTheFormulasComputedFromTheWholeLog() {
        // 2,000 half-lives of log time: the reference time moves many times on the way.
        List<RandomLog.Event> log = RandomLog.events(11, 500, 60, 20_000, 2_000 * H);
        Popularity p = new Popularity(EventWeights.DEFAULT, H);
        PopularitySnapshot midway = null;
        for (int k = 0; k < log.size(); k++) {
            RandomLog.Event e = log.get(k);
            p.add(e.user(), e.item(), e.kind(), e.value(), e.at());
            if (k == log.size() / 2) {
                midway = p.snapshot();
            }
        }
        long now = RandomLog.latest(log) + H / 3;
        PopularitySnapshot s = p.snapshot();
        Map<String, RandomLog.Expected> expected = RandomLog.expected(log, EventWeights.DEFAULT, H, now);
        assertEquals(expected.size(), s.items());
        for (Map.Entry<String, RandomLog.Expected> entry : expected.entrySet()) {
            String item = entry.getKey();
            RandomLog.Expected x = entry.getValue();
            assertEquals(x.users(), s.users(item), item);
            assertEquals(x.weighted(), s.weighted(item), 1e-9, item);
            assertEquals(x.trending(), s.trending(item, now), 1e-12 + 1e-9 * x.trending(), item);
        }

        // A snapshot taken on the way is the batch result of the log's first half.
        Popularity firstHalf = new Popularity(EventWeights.DEFAULT, H);
        for (RandomLog.Event e : log.subList(0, log.size() / 2 + 1)) {
            firstHalf.add(e.user(), e.item(), e.kind(), e.value(), e.at());
        }
        assertEquals(firstHalf.snapshot().top(1_000, id -> true), midway.top(1_000, id -> true));
        assertEquals(firstHalf.snapshot().topTrending(1_000, now, id -> true), midway.topTrending(1_000, now, id -> true));
    }

    @Test
    void topWalksOnlyUntilEnoughItemsAreAllowed() {
        Popularity p = new Popularity();
        // Item i has i + 1 users: item 999 is the most popular.
        for (int i = 0; i < 1_000; i++) {
            for (int u = 0; u <= i; u++) {
                p.add("u" + u, String.format("i%04d", i), EventKind.VIEW, 0, 1);
            }
        }
        PopularitySnapshot s = p.snapshot();
        AtomicInteger asked = new AtomicInteger();
        List<Scored> top = s.top(3, id -> {
            asked.incrementAndGet();
            return id.endsWith("00");
        });
        assertEquals(List.of(Scored.of("i0900", 901), Scored.of("i0800", 801), Scored.of("i0700", 701)), top);
        // Items 999 down to 700: 300 asked, not 1,000.
        assertEquals(300, asked.get());
        // Fewer allowed than asked for: all of them.
        assertEquals(List.of("i0999", "i0000"), ids(s.top(5, id -> id.equals("i0000") || id.equals("i0999"))));
        assertEquals(List.of(), s.top(0, id -> true));
    }

    @Test
    void rankingsPerCategorySplitTheGlobalOrders() {
        Popularity p = new Popularity(EventWeights.DEFAULT, H);
        // Sci-Fi: S1 has 3 old users, S2 has 2 recent ones; Crime: C1 has 1 user who purchased.
        for (int u = 0; u < 3; u++) {
            p.add("a" + u, "S1", EventKind.VIEW, 0, 0);
        }
        for (int u = 0; u < 2; u++) {
            p.add("b" + u, "S2", EventKind.VIEW, 0, 5_000);
        }
        p.add("c", "C1", EventKind.PURCHASE, 0, 5_000);
        p.add("c", "X", EventKind.VIEW, 0, 5_000);
        Map<String, String> category = Map.of("S1", "Sci-Fi", "S2", "Sci-Fi", "C1", "Crime", "X", "");
        CategoryRankings byCategory = p.snapshot().byCategory(category::get);

        assertEquals(List.of("S1", "S2"), ids(byCategory.popular("Sci-Fi").top(10, id -> true)));
        assertEquals(List.of("S2", "S1"), ids(byCategory.trending("Sci-Fi", 5_000).top(10, id -> true)));
        assertEquals(2.0, byCategory.trending("Sci-Fi", 5_000).score("S2"), 1e-12);
        assertEquals(List.of("C1"), ids(byCategory.popular("Crime").top(10, id -> true)));
        assertEquals(List.of(), byCategory.popular("Westerns").top(10, id -> true));
        assertEquals("Sci-Fi", byCategory.categoryOf("S2"));
        assertEquals(null, byCategory.categoryOf("X"));
        assertEquals(2, byCategory.popularRankInCategory("S2"));
        assertEquals(1, byCategory.trendingRankInCategory("S2"));
        assertEquals(0, byCategory.trendingRankInCategory("X"));
        // Sci-Fi weighs 3 + 2 = 5 views, Crime one purchase of 5: a tie, broken by name.
        assertEquals(List.of("Crime", "Sci-Fi"), byCategory.categories());
        assertEquals(5, byCategory.weighted("Sci-Fi"), 0);
    }

    @Test
    void theLogOrderOfEventsWithTheSameTimesDoesNotChangeTheRankings() {
        List<RandomLog.Event> log = RandomLog.events(5, 200, 30, 3_000, 50 * H);
        List<RandomLog.Event> reversed = new ArrayList<>(log);
        java.util.Collections.reverse(reversed);
        Popularity forward = new Popularity(EventWeights.DEFAULT, H);
        Popularity backward = new Popularity(EventWeights.DEFAULT, H);
        log.forEach(e -> forward.add(e.user(), e.item(), e.kind(), e.value(), e.at()));
        reversed.forEach(e -> backward.add(e.user(), e.item(), e.kind(), e.value(), e.at()));
        long now = RandomLog.latest(log);
        assertEquals(forward.snapshot().top(100, id -> true), backward.snapshot().top(100, id -> true));
        assertEquals(ids(forward.snapshot().topTrending(100, now, id -> true)),
                ids(backward.snapshot().topTrending(100, now, id -> true)));
    }
}
