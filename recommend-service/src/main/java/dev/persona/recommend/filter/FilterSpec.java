package dev.persona.recommend.filter;

import java.util.HashSet;
import java.util.Set;

/**
 * The restrictions of a request (persona.v1 {@code Filter}) in plain Java.
 *
 * @param includeSeen       when true, items the user interacted with may be recommended
 * @param categories        only items of one of these categories; empty means any category
 * @param excludeCategories no item of one of these categories
 * @param excludeItemIds    no item with one of these ids
 * @param minPrice          lowest price allowed; 0 means no lower bound
 * @param maxPrice          highest price allowed; 0 means no upper bound
 * @param maxPerCategory    at most this many items of one category in a result; 0 means no cap
 */
public record FilterSpec(boolean includeSeen, Set<String> categories, Set<String> excludeCategories,
                         Set<String> excludeItemIds, double minPrice, double maxPrice, int maxPerCategory) {

    /** The defaults: seen items excluded, nothing else restricted. */
    public static final FilterSpec DEFAULT = new FilterSpec(false, Set.of(), Set.of(), Set.of(), 0, 0, 0);

    /**
     * @throws IllegalArgumentException on a negative or non-finite price, a non-zero {@code maxPrice} below
     *                                  {@code minPrice}, or a negative {@code maxPerCategory}
     */
    public FilterSpec {
        categories = Set.copyOf(categories);
        excludeCategories = Set.copyOf(excludeCategories);
        excludeItemIds = Set.copyOf(excludeItemIds);
        if (!Double.isFinite(minPrice) || minPrice < 0) {
            throw new IllegalArgumentException("minPrice must be finite and 0 or more, got " + minPrice);
        }
        if (!Double.isFinite(maxPrice) || maxPrice < 0) {
            throw new IllegalArgumentException("maxPrice must be finite and 0 or more, got " + maxPrice);
        }
        if (maxPrice > 0 && maxPrice < minPrice) {
            throw new IllegalArgumentException("maxPrice " + maxPrice + " is below minPrice " + minPrice);
        }
        if (maxPerCategory < 0) {
            throw new IllegalArgumentException("maxPerCategory must be 0 or more, got " + maxPerCategory);
        }
    }

    /** This filter, also excluding {@code itemId} (the anchor of a similar-items request, for example). */
    public FilterSpec excluding(String itemId) {
        Set<String> excluded = new HashSet<>(excludeItemIds);
        excluded.add(itemId);
        return new FilterSpec(includeSeen, categories, excludeCategories, excluded, minPrice, maxPrice,
                maxPerCategory);
    }

    /** True when a price bound is set. */
    boolean boundsPrice() {
        return minPrice > 0 || maxPrice > 0;
    }
}
