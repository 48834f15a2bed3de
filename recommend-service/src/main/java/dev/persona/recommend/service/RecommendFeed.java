package dev.persona.recommend.service;

import dev.persona.common.feed.FeedListener;
import dev.persona.recommend.model.ModelCodec;
import dev.persona.recommend.model.TrainedModel;
import dev.persona.recommend.store.MetricsLog;
import dev.persona.recommend.store.ModelStore;
import dev.persona.recommend.store.ServingModels;
import dev.persona.recommend.store.TenantStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * recommend-service's use of the change feed: catch the tenant's log up on new events; forget erased users at once,
 * in memory, in the attributed events and in every trained model version (in memory and stored).
 */
@ApplicationScoped
public class RecommendFeed implements FeedListener {

    @Inject
    TenantStore tenants;

    @Inject
    MetricsLog metrics;

    @Inject
    ServingModels models;

    @Inject
    ModelStore stored;

    @Override
    public void eventsCommitted(String tenant) {
        tenants.catchUp(tenant);
    }

    @Override
    public void userErased(String tenant, String userId) {
        tenants.erase(tenant, userId);
        metrics.forget(tenant, userId);
        models.erase(tenant, userId);
        stored.eraseUser(tenant, bytes -> {
            TrainedModel model = ModelCodec.decode(bytes);
            return model.erase(userId) ? ModelCodec.encode(model) : null;
        });
    }
}
