package dev.persona.recommend.history;

/**
 * How much one event says about a user's interest in an item. A rating weighs its value divided by the rating
 * scale's top (so 5 stars weigh 1 on a 1–5 scale) times {@code rating}; impressions weigh nothing.
 */
public record EventWeights(double view, double click, double addToCart, double purchase, double rating,
                           double ratingScaleMax) {

    /** View 1, click 2, add-to-cart 3, purchase 5, a top rating 5, ratings on 1–5. */
    public static final EventWeights DEFAULT = new EventWeights(1, 2, 3, 5, 5, 5);

    public double of(EventKind kind, double value) {
        return switch (kind) {
            case VIEW -> view;
            case CLICK -> click;
            case ADD_TO_CART -> addToCart;
            case PURCHASE -> purchase;
            case RATING -> rating * value / ratingScaleMax;
            case IMPRESSION -> 0;
        };
    }
}
