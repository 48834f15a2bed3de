package dev.persona.recommend.service;

import dev.persona.common.feed.FeedListener;
import dev.persona.recommend.data.TenantStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** recommend-service's use of the change feed: catch the tenant's log up on new events; forget erased users at once. */
@ApplicationScoped
public class RecommendFeed implements FeedListener {

    @Inject
    TenantStore tenants;

    @Override
    public void eventsCommitted(String tenant) {
        tenants.catchUp(tenant);
    }

    @Override
    public void userErased(String tenant, String userId) {
        tenants.erase(tenant, userId);
    }
}
