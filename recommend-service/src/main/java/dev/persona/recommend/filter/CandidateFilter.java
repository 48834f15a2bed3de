package dev.persona.recommend.filter;

import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which items one request may return. An item passes when it is in the catalogue and active, not seen (unless
 * {@code includeSeen}), not excluded by id, of an allowed and not excluded category, and within the price bounds.
 * When a price bound is set, items of unknown price (0 in the catalogue) do not pass, since they cannot be shown to
 * respect it. {@code maxPerCategory} applies to a result as a whole, greedily in rank order (items without a category
 * count as one category ""); so it is enforced by {@link #select} and {@link #fill}, not by {@link #allows}.
 */
public final class CandidateFilter implements Predicate<String> {

    /** An item of a result; {@code filled} when it came from the popular list to top the result up. */
    public record Pick(Scored item, boolean filled) {
    }

    private final FilterSpec spec;
    private final Set<String> seen;
    private final Function<String, ItemInfo> catalogue;

    /**
     * @param seen      the user's seen items (see {@link #seenItems}); ignored when the spec includes seen items
     * @param catalogue item id → item, or null when unknown
     */
    public CandidateFilter(FilterSpec spec, Set<String> seen, Function<String, ItemInfo> catalogue) {
        this.spec = spec;
        this.seen = Set.copyOf(seen);
        this.catalogue = catalogue;
    }

    /** The items a user has seen: those with at least one event other than an impression. */
    public static Set<String> seenItems(Iterable<UserEvent> history) {
        Set<String> seen = new HashSet<>();
        for (UserEvent event : history) {
            if (event.kind() != EventKind.IMPRESSION) {
                seen.add(event.itemId());
            }
        }
        return seen;
    }

    /** Whether {@code itemId} passes every restriction except {@code maxPerCategory}. */
    public boolean allows(String itemId) {
        return admitted(itemId) != null;
    }

    /** Same as {@link #allows}, for use as a pre-filter. */
    @Override
    public boolean test(String itemId) {
        return allows(itemId);
    }

    /**
     * The first {@code k} items of {@code ranked} that pass, in rank order, skipping repeated ids and any item whose
     * category already holds {@code maxPerCategory} selected items.
     */
    public List<Scored> select(Iterable<Scored> ranked, int k) {
        Result result = new Result(k);
        for (Scored scored : ranked) {
            if (result.full()) {
                break;
            }
            result.offer(scored, false);
        }
        return result.picks.stream().map(Pick::item).toList();
    }

    /**
     * {@code selected} topped up to {@code k} items from {@code popular}, in its order, under the same restrictions
     * (including the category cap across both). Items of {@code selected} come first and are not marked; the items
     * taken from {@code popular} are marked {@code filled}, so that their explanation says "Popular pick".
     */
    public List<Pick> fill(List<Scored> selected, List<Scored> popular, int k) {
        Result result = new Result(k);
        for (Scored scored : selected) {
            result.offer(scored, false);
        }
        for (Scored scored : popular) {
            if (result.full()) {
                break;
            }
            result.offer(scored, true);
        }
        return List.copyOf(result.picks);
    }

    private ItemInfo admitted(String itemId) {
        if (spec.excludeItemIds().contains(itemId) || (!spec.includeSeen() && seen.contains(itemId))) {
            return null;
        }
        ItemInfo item = catalogue.apply(itemId);
        if (item == null || !item.active()) {
            return null;
        }
        String category = categoryOf(item);
        if (!spec.categories().isEmpty() && !spec.categories().contains(category)) {
            return null;
        }
        if (spec.excludeCategories().contains(category)) {
            return null;
        }
        if (spec.boundsPrice() && !withinPriceBounds(item.price())) {
            return null;
        }
        return item;
    }

    private boolean withinPriceBounds(double price) {
        return price > 0 && price >= spec.minPrice() && (spec.maxPrice() == 0 || price <= spec.maxPrice());
    }

    private static String categoryOf(ItemInfo item) {
        return Objects.requireNonNullElse(item.category(), "");
    }

    /** A result being built: at most k picks, each id once, at most maxPerCategory per category. */
    private final class Result {
        final int k;
        final List<Pick> picks = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        final Map<String, Integer> perCategory = new HashMap<>();

        Result(int k) {
            if (k < 0) {
                throw new IllegalArgumentException("k must be 0 or more, got " + k);
            }
            this.k = k;
        }

        boolean full() {
            return picks.size() >= k;
        }

        void offer(Scored scored, boolean filled) {
            if (full() || ids.contains(scored.itemId())) {
                return;
            }
            ItemInfo item = admitted(scored.itemId());
            if (item == null) {
                return;
            }
            String category = categoryOf(item);
            int count = perCategory.getOrDefault(category, 0);
            if (spec.maxPerCategory() > 0 && count >= spec.maxPerCategory()) {
                return;
            }
            perCategory.put(category, count + 1);
            ids.add(scored.itemId());
            picks.add(new Pick(scored, filled));
        }
    }
}
