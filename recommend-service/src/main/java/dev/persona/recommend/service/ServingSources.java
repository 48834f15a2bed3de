package dev.persona.recommend.service;

import dev.persona.common.neighbors.NeighborReader;
import dev.persona.core.similarity.Neighbor;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.store.Consents;
import dev.persona.recommend.store.RecentHistory;
import dev.persona.recommend.store.ServingModels;
import dev.persona.recommend.store.TenantData;
import dev.persona.recommend.store.TenantStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** What serving reads: this replica's tenant data, consents, Redis's recent history and neighbour lists, models. */
@ApplicationScoped
public class ServingSources implements RecommendSources {

    private final TenantStore tenants;
    private final RecentHistory recent;
    private final NeighborReader neighbors;
    private final Consents consents;
    private final ServingModels models;

    public ServingSources(TenantStore tenants, RecentHistory recent, NeighborReader neighbors, Consents consents,
                          ServingModels models) {
        this.tenants = tenants;
        this.recent = recent;
        this.neighbors = neighbors;
        this.consents = consents;
        this.models = models;
    }

    @Override
    public TenantData data(String tenant) {
        return tenants.get(tenant);
    }

    @Override
    public boolean personalised(String tenant, String userId) {
        return consents.personalised(tenant, userId);
    }

    @Override
    public List<UserEvent> recent(String tenant, String userId) {
        return recent.recent(tenant, userId);
    }

    @Override
    public NeighborReader.Version version(String tenant, String scope) {
        return neighbors.version(tenant, scope);
    }

    @Override
    public Map<String, List<Neighbor>> lists(String tenant, String scope, NeighborReader.Version version,
                                             List<String> ids) {
        return neighbors.lists(tenant, scope, version, ids);
    }

    @Override
    public ServingModels.Loaded model(String tenant, String type) {
        return models.get(tenant, type);
    }
}
