package dev.persona.recommend.popular;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RankingTest {

    private static final long H = 1_000;

    /** Every item, fully sorted by (score desc, weighted desc, id asc), filtered, cut at n. */
    private static List<Scored> bruteForce(Map<String, RandomLog.Expected> expected, boolean trending, int n,
                                           Predicate<String> allowed) {
        List<String> items = new ArrayList<>(expected.keySet());
        Comparator<String> order = Comparator
                .comparingDouble((String i) -> trending ? expected.get(i).trending() : expected.get(i).users())
                .reversed()
                .thenComparing(Comparator.comparingDouble((String i) -> expected.get(i).weighted()).reversed())
                .thenComparing(Comparator.naturalOrder());
        items.sort(order);
        List<Scored> out = new ArrayList<>();
        for (String item : items) {
            if (out.size() < n && allowed.test(item)) {
                RandomLog.Expected x = expected.get(item);
                out.add(Scored.of(item, trending ? x.trending() : x.users()));
            }
        }
        return out;
    }

    @Test
    void topEqualsAFullSortOfEveryItem() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<RandomLog.Event> log = RandomLog.events(round, 50 + random.nextInt(400), 5 + random.nextInt(60),
                    500 + random.nextInt(5_000), (1 + random.nextInt(100)) * H);
            Popularity p = new Popularity(EventWeights.DEFAULT, H);
            log.forEach(e -> p.add(e.user(), e.item(), e.kind(), e.value(), e.at()));
            long now = RandomLog.latest(log);
            PopularitySnapshot s = p.snapshot();
            Map<String, RandomLog.Expected> expected = RandomLog.expected(log, EventWeights.DEFAULT, H, now);
            int modulus = 1 + random.nextInt(10);
            Predicate<String> allowed = id -> id.hashCode() % modulus == 0;
            for (int n : new int[] {1, 5, 50, 10_000}) {
                assertEquals(bruteForce(expected, false, n, allowed), s.top(n, allowed), "round " + round);
                List<Scored> trending = s.topTrending(n, now, allowed);
                List<Scored> want = bruteForce(expected, true, n, allowed);
                assertEquals(want.stream().map(Scored::itemId).toList(),
                        trending.stream().map(Scored::itemId).toList(), "round " + round);
                for (int r = 0; r < want.size(); r++) {
                    assertEquals(want.get(r).score(), trending.get(r).score(), 1e-9, "round " + round);
                }
            }
            for (Scored item : bruteForce(expected, false, Integer.MAX_VALUE, id -> true)) {
                int rank = s.popular().rank(item.itemId());
                assertEquals(item.itemId(), s.top(rank, id -> true).get(rank - 1).itemId());
            }
        }
    }
}
