package dev.persona.recommend.eval;

import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A train/test split of every user's history: per user, ceil(fraction · n) of their n distinct items drawn at random
 * (every event of a drawn item is held out), at most n − 1 so that every user keeps an item to train on; users with
 * a single item stay in training only. The draw depends on the seed and the user only.
 *
 * @param train      each user's remaining events, oldest first (users with nothing left are absent)
 * @param test       each user's held-out events per item, oldest first
 * @param trainCount events in the train part
 * @param testCount  events held out
 */
public record HoldOut(Map<String, List<UserEvent>> train, Map<String, Map<String, List<UserEvent>>> test,
                      long trainCount, long testCount) {

    /** Splits {@code histories} (user → events oldest first); the result iterates users in id order. */
    public static HoldOut split(Map<String, List<UserEvent>> histories, double fraction, long seed) {
        Map<String, List<UserEvent>> train = new TreeMap<>();
        Map<String, Map<String, List<UserEvent>>> test = new TreeMap<>();
        long trainCount = 0;
        long testCount = 0;
        for (Map.Entry<String, List<UserEvent>> e : new TreeMap<>(histories).entrySet()) {
            List<UserEvent> history = e.getValue();
            List<String> items = new ArrayList<>(new TreeSet<>(history.stream().map(UserEvent::itemId).toList()));
            int n = items.size();
            int held = n < 2 ? 0 : (int) Math.min(n - 1, Math.ceil(fraction * n - 1e-9));
            Set<String> out = new LinkedHashSet<>();
            if (held > 0) {
                Collections.shuffle(items, new Random(seed * 0x9E3779B97F4A7C15L + e.getKey().hashCode()));
                out.addAll(items.subList(0, held));
            }
            List<UserEvent> kept = new ArrayList<>();
            Map<String, List<UserEvent>> heldOut = new LinkedHashMap<>();
            for (UserEvent event : history) {
                if (out.contains(event.itemId())) {
                    heldOut.computeIfAbsent(event.itemId(), i -> new ArrayList<>()).add(event);
                    testCount++;
                } else {
                    kept.add(event);
                    trainCount++;
                }
            }
            if (!kept.isEmpty()) {
                train.put(e.getKey(), kept);
            }
            if (!heldOut.isEmpty()) {
                test.put(e.getKey(), heldOut);
            }
        }
        return new HoldOut(train, test, trainCount, testCount);
    }

    /**
     * The user's relevant held-out items: an item is relevant when one of its held-out events is a RATING of at
     * least {@code threshold} or an event of another kind (impressions aside); threshold 0 makes every one relevant.
     */
    public Set<String> relevant(String userId, double threshold) {
        Set<String> relevant = new TreeSet<>();
        test.getOrDefault(userId, Map.of()).forEach((item, events) -> {
            for (UserEvent e : events) {
                if (e.kind() == EventKind.IMPRESSION) {
                    continue;
                }
                if (threshold <= 0 || e.kind() != EventKind.RATING || e.value() >= threshold) {
                    relevant.add(item);
                    break;
                }
            }
        });
        return relevant;
    }

    /** The user's held-out ratings: the latest RATING per held-out item. */
    public Map<String, Double> heldOutRatings(String userId) {
        Map<String, Double> ratings = new TreeMap<>();
        test.getOrDefault(userId, Map.of()).forEach((item, events) -> {
            for (UserEvent e : events) {
                if (e.kind() == EventKind.RATING) {
                    ratings.put(item, e.value());
                }
            }
        });
        return ratings;
    }
}
