package dev.persona.recommend.service;

import dev.persona.common.feed.FeedListener;
import dev.persona.recommend.data.TenantStore;
import dev.persona.recommend.metrics.MetricsLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * recommend-service's use of the change feed: catch the tenant's log up on new events; forget erased users at once,
 * in memory and in the attributed events.
 */
@ApplicationScoped
public class RecommendFeed implements FeedListener {

    @Inject
    TenantStore tenants;

    @Inject
    MetricsLog metrics;

    @Override
    public void eventsCommitted(String tenant) {
        tenants.catchUp(tenant);
    }

    @Override
    public void userErased(String tenant, String userId) {
        tenants.erase(tenant, userId);
        metrics.forget(tenant, userId);
    }
}
