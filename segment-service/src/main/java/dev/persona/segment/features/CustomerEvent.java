package dev.persona.segment.features;

import java.util.Locale;
import java.util.Set;

/**
 * One interaction of a customer with an item, as input to {@link FeatureBuilder}.
 *
 * @param userId non-blank id of the customer
 * @param itemId id of the item; may be null
 * @param kind one of {@link #KINDS} (case-insensitive; stored upper-case)
 * @param value the amount for a {@code PURCHASE}, the rating for a {@code RATING}, otherwise free; must be finite
 * @param atMillis when it happened, epoch milliseconds
 * @param category the item's category; null or blank when unknown (stored as null)
 */
public record CustomerEvent(String userId, String itemId, String kind, double value, long atMillis, String category) {

    public static final String VIEW = "VIEW";
    public static final String CLICK = "CLICK";
    public static final String ADD_TO_CART = "ADD_TO_CART";
    public static final String PURCHASE = "PURCHASE";
    public static final String RATING = "RATING";

    /** Every accepted event kind. */
    public static final Set<String> KINDS = Set.of(VIEW, CLICK, ADD_TO_CART, PURCHASE, RATING);

    public CustomerEvent {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null; one of " + KINDS);
        }
        kind = kind.trim().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown event kind '" + kind + "'; one of " + KINDS);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value);
        }
        if (category != null && category.isBlank()) {
            category = null;
        }
    }

    /** True for a {@code PURCHASE} event. */
    public boolean isPurchase() {
        return PURCHASE.equals(kind);
    }
}
