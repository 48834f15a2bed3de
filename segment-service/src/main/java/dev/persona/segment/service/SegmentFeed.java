package dev.persona.segment.service;

import dev.persona.common.feed.FeedListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * segment-service's use of the change feed: an erasure removes the user from every stored segmentation and from
 * the assignment cache at once. New events need nothing: every build and every placement reads the log afresh.
 */
@ApplicationScoped
public class SegmentFeed implements FeedListener {

    private final Segmentations segmentations;

    public SegmentFeed(Segmentations segmentations) {
        this.segmentations = segmentations;
    }

    @Override
    public void eventsCommitted(String tenant) {
        // Nothing is derived incrementally from the log here.
    }

    @Override
    public void userErased(String tenant, String userId) {
        segmentations.erase(tenant, userId);
    }
}
