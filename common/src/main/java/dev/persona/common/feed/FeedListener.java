package dev.persona.common.feed;

/**
 * What a service does with the change feed ({@link FeedFollower}). Both calls must be idempotent: every replica
 * reads every entry, and an entry may be read again after a restart.
 */
public interface FeedListener {

    /** The tenant's log has new committed events: catch up from ExportInteractions. */
    void eventsCommitted(String tenant);

    /** A user was erased: remove what was derived from them, at once. */
    void userErased(String tenant, String userId);
}
