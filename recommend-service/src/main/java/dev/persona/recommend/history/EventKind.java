package dev.persona.recommend.history;

/** What a user did with an item (the event types of the log). */
public enum EventKind {
    VIEW, CLICK, ADD_TO_CART, PURCHASE, RATING, IMPRESSION
}
