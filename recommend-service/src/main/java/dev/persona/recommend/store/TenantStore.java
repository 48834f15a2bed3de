package dev.persona.recommend.store;

import dev.persona.api.v1.EventType;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.Item;
import dev.persona.common.profile.ProfileClient;
import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.config.RecommendConfig;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Each tenant's {@link TenantData}, loaded from ProfileService on the tenant's first request (the catalogue through
 * ExportItems, the log through ExportInteractions), then kept current: the log caught up from its cursor when the
 * change feed announces events, the catalogue re-read every {@code catalogue-refresh}, erasures applied at once.
 */
@ApplicationScoped
public class TenantStore {

    private static final Logger LOG = Logger.getLogger(TenantStore.class);

    @Inject
    ProfileClient profile;

    @Inject
    MetricsLog metrics;

    @Inject
    RecommendConfig config;

    private final ConcurrentHashMap<String, TenantData> tenants = new ConcurrentHashMap<>();

    /** The tenant's data, loading it on first use (UNAVAILABLE when ProfileService cannot be read then). */
    public TenantData get(String tenant) {
        TenantData data = tenants.computeIfAbsent(tenant, t -> new TenantData(config.eventWeights(),
                config.trendingHalfLife().toMillis(), config.contentHalfLife().toMillis()));
        if (!data.logLoaded()) {
            data.writer.lock();
            try {
                if (!data.logLoaded()) {
                    loadCatalogue(tenant, data);
                    catchUp(tenant, data);
                }
            } finally {
                data.writer.unlock();
            }
        }
        return data;
    }

    /** Tenants this replica holds. */
    public Set<String> tenants() {
        return tenants.keySet();
    }

    /** Reads the tenant's log from its cursor to the head, if this replica holds the tenant. */
    public void catchUp(String tenant) {
        TenantData data = tenants.get(tenant);
        if (data == null) {
            return;
        }
        data.writer.lock();
        try {
            catchUp(tenant, data);
        } finally {
            data.writer.unlock();
        }
    }

    /** Forgets a user everywhere in this replica. */
    public void erase(String tenant, String userId) {
        TenantData data = tenants.get(tenant);
        if (data == null) {
            return;
        }
        data.writer.lock();
        try {
            data.erase(userId);
        } finally {
            data.writer.unlock();
        }
    }

    @Scheduled(every = "${persona.recommend.catalogue-refresh}", delayed = "${persona.recommend.catalogue-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshCatalogues() {
        for (String tenant : tenants.keySet()) {
            TenantData data = tenants.get(tenant);
            try {
                loadCatalogue(tenant, data);
            } catch (RuntimeException e) {
                LOG.debugf("catalogue refresh of tenant %s skipped: %s", tenant, e.getMessage());
            }
        }
    }

    private void loadCatalogue(String tenant, TenantData data) {
        List<ItemInfo> items = new ArrayList<>();
        profile.exportItems(tenant, item -> items.add(info(item)));
        data.replaceCatalogue(items, System.currentTimeMillis());
    }

    private void catchUp(String tenant, TenantData data) {
        long[] last = {data.cursor()};
        profile.exportInteractions(tenant, data.cursor(), batch -> {
            for (Interaction i : batch.getInteractionsList()) {
                attribute(tenant, i);
                EventKind kind = kind(i);
                if (kind != null) {
                    data.append(i.getSequence(), i.getUserId(), new UserEvent(i.getItemId(), kind, i.getValue(),
                            i.getOccurredAt().getSeconds() * 1000 + i.getOccurredAt().getNanos() / 1_000_000));
                }
            }
            last[0] = Math.max(last[0], batch.getLastSequence());
        });
        data.publish(last[0]);
    }

    /** A click or purchase that carries a recommendation id counts for the strategy that served the list. */
    private void attribute(String tenant, Interaction i) {
        if (!i.getRecommendationId().isEmpty() && (i.getType() == EventType.EVENT_TYPE_CLICK
                || i.getType() == EventType.EVENT_TYPE_PURCHASE)) {
            metrics.attributed(tenant, i.getRecommendationId(), i.getItemId(), (short) i.getTypeValue(),
                    i.getUserId(), i.getType() == EventType.EVENT_TYPE_PURCHASE ? i.getValue() : 0);
        }
    }

    static ItemInfo info(Item item) {
        return new ItemInfo(item.getItemId(), item.getTitle(), item.getCategory(), item.getTagsList(),
                item.getPrice(), item.getActive());
    }

    /** The event kind of a log entry; null for types similarity of interests ignores. */
    public static EventKind kind(Interaction i) {
        return switch (i.getType()) {
            case EVENT_TYPE_VIEW -> EventKind.VIEW;
            case EVENT_TYPE_CLICK -> EventKind.CLICK;
            case EVENT_TYPE_ADD_TO_CART -> EventKind.ADD_TO_CART;
            case EVENT_TYPE_PURCHASE -> EventKind.PURCHASE;
            case EVENT_TYPE_RATING -> EventKind.RATING;
            case EVENT_TYPE_IMPRESSION -> EventKind.IMPRESSION;
            default -> null;
        };
    }
}
