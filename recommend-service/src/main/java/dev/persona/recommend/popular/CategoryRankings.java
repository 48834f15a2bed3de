package dev.persona.recommend.popular;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * POPULAR and TRENDING within each category, for the fallback "the popular items of its category" and for
 * explanations such as "Popular in Sci-Fi this week" (an item whose {@link #trendingRankInCategory} is small).
 * Built from a {@link PopularitySnapshot} by splitting its two sorted orders per category, which keeps them sorted:
 * O(items), no sort. Categories themselves rank by their event-weighted count
 * {@code weighted(c) = Σ weighted(i)} over their items, descending, then by name ascending. Immutable and safe to
 * share between threads.
 */
public final class CategoryRankings {

    private final PopularitySnapshot snapshot;
    private final Map<String, String> categoryOfItem = new HashMap<>();
    private final Map<String, Ranking> popular = new HashMap<>();
    private final Map<String, Ranking> trendingAtRef = new HashMap<>();
    private final Map<String, Double> categoryWeighted = new HashMap<>();
    private final List<String> categories;
    private final Ranking empty;

    CategoryRankings(PopularitySnapshot snapshot, Function<String, String> categoryOf) {
        this.snapshot = snapshot;
        int items = snapshot.items();
        // Dense category numbers in order of first appearance, -1 for none.
        Map<String, Integer> number = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] category = new int[items];
        for (int i = 0; i < items; i++) {
            String c = categoryOf.apply(snapshot.id(i));
            if (c == null || c.isEmpty()) {
                category[i] = -1;
                continue;
            }
            Integer known = number.putIfAbsent(c, names.size());
            if (known == null) {
                known = names.size();
                names.add(c);
            }
            category[i] = known;
            categoryOfItem.put(snapshot.id(i), c);
        }
        split(snapshot.popular(), category, names, popular);
        split(snapshot.trendingAtRef(), category, names, trendingAtRef);
        for (String c : names) {
            double sum = 0;
            // Summed in rank order, so the total does not depend on the order of the catalogue.
            for (int i : popular.get(c).order()) {
                sum += snapshot.weightedAt(i);
            }
            categoryWeighted.put(c, sum);
        }
        names.sort((a, b) -> {
            int c = Double.compare(categoryWeighted.get(b), categoryWeighted.get(a));
            return c != 0 ? c : a.compareTo(b);
        });
        this.categories = Collections.unmodifiableList(names);
        this.empty = snapshot.popular().subset(new int[0]);
    }

    /** Splits a ranking's order by category (two passes: count, then fill); each part stays in rank order. */
    private static void split(Ranking ranking, int[] category, List<String> names, Map<String, Ranking> into) {
        int[] count = new int[names.size()];
        for (int i : ranking.order()) {
            if (category[i] >= 0) {
                count[category[i]]++;
            }
        }
        int[][] members = new int[names.size()][];
        for (int c = 0; c < members.length; c++) {
            members[c] = new int[count[c]];
        }
        int[] filled = new int[names.size()];
        for (int i : ranking.order()) {
            int c = category[i];
            if (c >= 0) {
                members[c][filled[c]++] = i;
            }
        }
        for (int c = 0; c < members.length; c++) {
            into.put(names.get(c), ranking.subset(members[c]));
        }
    }

    /** POPULAR within the category; an empty ranking for a category without counted items. */
    public Ranking popular(String category) {
        return popular.getOrDefault(category, empty);
    }

    /** TRENDING within the category, scores at {@code nowMillis}; empty for a category without counted items. */
    public Ranking trending(String category, long nowMillis) {
        Ranking atRef = trendingAtRef.get(category);
        return atRef == null ? empty : atRef.scaled(snapshot.decayFactor(nowMillis));
    }

    /** The item's category; null when the item has none or no counted user. */
    public String categoryOf(String itemId) {
        return categoryOfItem.get(itemId);
    }

    /** The item's 1-based POPULAR rank within its category; 0 when it has no category or no counted user. */
    public int popularRankInCategory(String itemId) {
        String c = categoryOfItem.get(itemId);
        return c == null ? 0 : popular.get(c).rank(itemId);
    }

    /**
     * The item's 1-based TRENDING rank within its category (the same at any time); 0 when it has no category or no
     * counted user.
     */
    public int trendingRankInCategory(String itemId) {
        String c = categoryOfItem.get(itemId);
        return c == null ? 0 : trendingAtRef.get(c).rank(itemId);
    }

    /** Categories with at least one counted item, most weighted first, ties by name. */
    public List<String> categories() {
        return categories;
    }

    /** The category's event-weighted count {@code Σ weighted(i)} over its items; 0 when unknown. */
    public double weighted(String category) {
        return categoryWeighted.getOrDefault(category, 0.0);
    }
}
