package dev.persona.recommend.knn;

import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What one history says per item: interest weights for ranking, ratings for prediction. */
public final class Interests {

    private Interests() {
    }

    /**
     * The weight of each item in {@code history}: the largest {@link EventWeights#of} over the item's events (so a
     * view then a purchase weighs as the purchase; repeating a view adds nothing). Items whose weight is not positive
     * (impressions only) are left out. Sorted by item id, which fixes the order in which callers sum.
     */
    public static SortedMap<String, Double> weights(Iterable<UserEvent> history, EventWeights weights) {
        SortedMap<String, Double> byItem = new TreeMap<>();
        for (UserEvent event : history) {
            double weight = weights.of(event.kind(), event.value());
            if (weight > 0) {
                byItem.merge(event.itemId(), weight, Math::max);
            }
        }
        return byItem;
    }

    /**
     * The rating of each item rated in {@code history}: the value of its latest RATING event (by time; at equal
     * times, the later in the list), since a user who rates again changed their mind. Sorted by item id.
     */
    public static SortedMap<String, Double> ratings(Iterable<UserEvent> history) {
        SortedMap<String, Double> byItem = new TreeMap<>();
        Map<String, Long> at = new TreeMap<>();
        for (UserEvent event : history) {
            if (event.kind() != EventKind.RATING) {
                continue;
            }
            Long previous = at.get(event.itemId());
            if (previous == null || event.atMillis() >= previous) {
                at.put(event.itemId(), event.atMillis());
                byItem.put(event.itemId(), event.value());
            }
        }
        return byItem;
    }

    /** The mean of the ratings; NaN when there are none. */
    public static double mean(Map<String, Double> ratings) {
        double sum = 0;
        for (double rating : ratings.values()) {
            sum += rating;
        }
        return sum / ratings.size();
    }
}
