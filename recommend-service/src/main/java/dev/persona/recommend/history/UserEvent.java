package dev.persona.recommend.history;

/**
 * One event of a user's history.
 *
 * @param value      the rating for {@link EventKind#RATING}, the amount for a purchase, else 0
 * @param atMillis   when it happened, epoch milliseconds
 */
public record UserEvent(String itemId, EventKind kind, double value, long atMillis) {
}
