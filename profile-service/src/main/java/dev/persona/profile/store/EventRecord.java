package dev.persona.profile.store;

/**
 * A validated event. {@code occurredAtMicros} is microseconds since the Unix epoch (the database's precision);
 * {@code sequence} is 0 until the event is stored.
 */
public record EventRecord(long sequence, String eventId, String userId, String itemId, EventKind kind, double value,
        long occurredAtMicros, String recommendationId) {

    public EventRecord withSequence(long seq) {
        return new EventRecord(seq, eventId, userId, itemId, kind, value, occurredAtMicros, recommendationId);
    }
}
