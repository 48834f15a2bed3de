package dev.persona.recommend.popular;

import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Seeded random logs for the tests, and the popularity formulas computed directly from a whole log. */
final class RandomLog {

    record Event(String user, String item, EventKind kind, double value, long at) {
    }

    record Expected(int users, double weighted, double trending) {
    }

    private RandomLog() {
    }

    /**
     * {@code count} events of {@code users} users on {@code items} items (skewed towards low item numbers), every
     * kind including impressions, integer ratings (so that weighted counts are exact), times roughly increasing
     * over {@code span} milliseconds with some events arriving late.
     */
    static List<Event> events(long seed, int items, int users, int count, long span) {
        Random random = new Random(seed);
        EventKind[] kinds = EventKind.values();
        List<Event> log = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int item = (int) (items * Math.pow(random.nextDouble(), 2));
            EventKind kind = kinds[random.nextInt(kinds.length)];
            double value = kind == EventKind.RATING ? 1 + random.nextInt(5) : 0;
            long at = span * k / count - (random.nextInt(10) == 0 ? random.nextLong(span / 20 + 1) : 0);
            log.add(new Event("u" + random.nextInt(users), String.format("i%04d", item), kind, value, at));
        }
        return log;
    }

    static long latest(List<Event> log) {
        return log.stream().mapToLong(Event::at).max().orElse(0);
    }

    /** POPULAR, weighted count and TRENDING at {@code now} of every item, straight from the definitions. */
    static Map<String, Expected> expected(List<Event> log, EventWeights weights, long halfLife, long now) {
        Map<String, Set<String>> users = new HashMap<>();
        Map<String, Double> weighted = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        for (Event e : log) {
            if (e.kind() == EventKind.IMPRESSION) {
                continue;
            }
            users.computeIfAbsent(e.item(), i -> new HashSet<>()).add(e.user());
            weighted.merge(e.item(), weights.of(e.kind(), e.value()), Double::sum);
            last.merge(e.user() + "\u0000" + e.item(), e.at(), Math::max);
        }
        Map<String, Double> trending = new HashMap<>();
        for (Map.Entry<String, Long> pair : last.entrySet()) {
            String item = pair.getKey().substring(pair.getKey().indexOf('\u0000') + 1);
            trending.merge(item, Math.pow(2, -(double) (now - pair.getValue()) / halfLife), Double::sum);
        }
        Map<String, Expected> expected = new HashMap<>();
        for (String item : users.keySet()) {
            expected.put(item, new Expected(users.get(item).size(), weighted.get(item), trending.get(item)));
        }
        return expected;
    }
}
