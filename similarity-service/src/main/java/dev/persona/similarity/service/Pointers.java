package dev.persona.similarity.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.persona.similarity.config.SimilarityConfig;
import dev.persona.similarity.store.Generation;
import dev.persona.core.similarity.Neighbor;
import dev.persona.similarity.store.NeighborStore;
import dev.persona.similarity.store.Scope;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * This replica's view of the serving generations and its near-cache of neighbour lists. Pointers of the scopes this
 * replica serves are re-read from Redis every {@code persona.similarity.pointer-refresh} (another replica may have
 * switched a generation or edited one); when a pointer's generation or revision changes, the near-cache drops that
 * scope's lists. A cached list is only used while its generation and revision are the serving ones.
 */
@ApplicationScoped
public class Pointers {

    private static final Logger LOG = Logger.getLogger(Pointers.class);

    /** A tenant's scope. */
    private record Key(String tenant, Scope scope) {
    }

    /** One entity's list in the near-cache. */
    private record ListKey(String tenant, Scope scope, String id) {
    }

    private record Cached(long generation, long revision, List<Neighbor> neighbors) {
    }

    @Inject
    NeighborStore store;

    @Inject
    SimilarityConfig config;

    private final Map<Key, Optional<Generation>> pointers = new ConcurrentHashMap<>();
    private Cache<ListKey, Cached> lists;

    @PostConstruct
    void init() {
        lists = Caffeine.newBuilder().maximumSize(config.nearCacheSize()).build();
    }

    /** The scope's serving generation, or null when none was ever built (re-checked in Redis in that case). */
    public Generation current(String tenant, Scope scope) {
        Key key = new Key(tenant, scope);
        Optional<Generation> known = pointers.get(key);
        if (known == null || known.isEmpty()) {
            known = Optional.ofNullable(store.current(tenant, scope));
            update(key, known);
        }
        return known.orElse(null);
    }

    /** The scope's serving generation as this replica last saw it, without asking Redis; null when not known. */
    public Generation known(String tenant, Scope scope) {
        Optional<Generation> known = pointers.get(new Key(tenant, scope));
        return known == null ? null : known.orElse(null);
    }

    /** The near-cached list of {@code id} in generation {@code g}, or null. */
    public List<Neighbor> cached(String tenant, Scope scope, Generation g, String id) {
        Cached c = lists.getIfPresent(new ListKey(tenant, scope, id));
        return c != null && c.generation() == g.generation() && c.revision() == g.revision() ? c.neighbors() : null;
    }

    public void cache(String tenant, Scope scope, Generation g, String id, List<Neighbor> neighbors) {
        lists.put(new ListKey(tenant, scope, id), new Cached(g.generation(), g.revision(), neighbors));
    }

    /** A build on this replica switched the scope to {@code g}. */
    public void switched(String tenant, Scope scope, Generation g) {
        update(new Key(tenant, scope), Optional.of(g));
    }

    /** The scope's lists were edited in place (an erasure): re-read the pointer and drop the cached lists. */
    public void edited(String tenant, Scope scope) {
        Key key = new Key(tenant, scope);
        update(key, Optional.ofNullable(store.current(tenant, scope)));
        dropLists(key);
    }

    @Scheduled(every = "${persona.similarity.pointer-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (pointers.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(pointers.keySet());
        List<Map.Entry<String, Scope>> scopes = keys.stream()
                .map(k -> (Map.Entry<String, Scope>) new AbstractMap.SimpleImmutableEntry<>(k.tenant(), k.scope()))
                .toList();
        try {
            List<Generation> current = store.current(scopes);
            for (int i = 0; i < keys.size(); i++) {
                update(keys.get(i), Optional.ofNullable(current.get(i)));
            }
        } catch (RuntimeException e) {
            LOG.debugf("pointer refresh skipped: %s", e.getMessage());
        }
    }

    private void update(Key key, Optional<Generation> now) {
        Optional<Generation> before = pointers.put(key, now);
        if (before != null && !sameVersion(before, now)) {
            dropLists(key);
        }
    }

    private static boolean sameVersion(Optional<Generation> a, Optional<Generation> b) {
        return Objects.equals(a.map(g -> g.generation() + "/" + g.revision()),
                b.map(g -> g.generation() + "/" + g.revision()));
    }

    private void dropLists(Key key) {
        lists.asMap().keySet().removeIf(k -> k.tenant().equals(key.tenant()) && k.scope().equals(key.scope()));
    }
}
