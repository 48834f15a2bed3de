package dev.persona.recommend.knn;

import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;

/** Short names for the events of hand-made histories in tests. */
public final class Events {

    private Events() {
    }

    public static UserEvent view(String item) {
        return new UserEvent(item, EventKind.VIEW, 0, 0);
    }

    public static UserEvent click(String item) {
        return new UserEvent(item, EventKind.CLICK, 0, 0);
    }

    public static UserEvent cart(String item) {
        return new UserEvent(item, EventKind.ADD_TO_CART, 0, 0);
    }

    public static UserEvent purchase(String item) {
        return new UserEvent(item, EventKind.PURCHASE, 9.99, 0);
    }

    public static UserEvent impression(String item) {
        return new UserEvent(item, EventKind.IMPRESSION, 0, 0);
    }

    public static UserEvent rating(String item, double value) {
        return rating(item, value, 0);
    }

    public static UserEvent rating(String item, double value, long atMillis) {
        return new UserEvent(item, EventKind.RATING, value, atMillis);
    }
}
