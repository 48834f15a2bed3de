package dev.persona.common.neighbors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.persona.common.error.ApiError;
import dev.persona.core.similarity.Neighbor;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The one reader of the neighbour lists similarity-service writes to Redis ({@link NeighborKeys}), used by
 * similarity-service to serve them and by recommend-service to rank with them: this replica's view of each scope's
 * serving version (generation and revision) and a near-cache of decoded lists.
 *
 * <p>A cached list is used only while its generation and revision are the serving ones. The versions of the scopes
 * in use are re-read by {@link #refresh()} (each service schedules it every {@code pointer-refresh}), so a new
 * generation or an erasure edit made by another replica is seen within that time; when a scope's version changes,
 * its cached lists are dropped. A Redis failure becomes UNAVAILABLE. Thread-safe.
 */
public final class NeighborReader {

    private static final Logger LOG = Logger.getLogger(NeighborReader.class);

    /** The serving version of one scope; {@code generation} 0 when none was built. */
    public record Version(long generation, long revision) {
        public static final Version NONE = new Version(0, 0);

        public boolean exists() {
            return generation > 0;
        }
    }

    private record ScopeKey(String tenant, String scope) {
    }

    private record ListKey(String tenant, String scope, String id) {
    }

    private record Cached(Version version, List<Neighbor> neighbors) {
    }

    private final Redis redis;
    private final Duration timeout;
    private final Map<ScopeKey, Version> versions = new ConcurrentHashMap<>();
    private final Cache<ListKey, Cached> lists;

    /**
     * @param redis         the Redis holding the lists
     * @param nearCacheSize how many decoded lists this replica keeps
     * @param timeout       the longest wait for one Redis round trip
     */
    public NeighborReader(Redis redis, long nearCacheSize, Duration timeout) {
        this.redis = redis;
        this.timeout = timeout;
        this.lists = Caffeine.newBuilder().maximumSize(nearCacheSize).build();
    }

    /** The scope's serving version (this replica's view; read from Redis when unknown or not built yet). */
    public Version version(String tenant, String scope) {
        ScopeKey key = new ScopeKey(tenant, scope);
        Version v = versions.get(key);
        if (v == null || !v.exists()) {
            v = read(List.of(key)).get(0);
            update(key, v);
        }
        return v;
    }

    /** The scope's serving version as this replica last saw it, without asking Redis; null when not known. */
    public Version known(String tenant, String scope) {
        Version v = versions.get(new ScopeKey(tenant, scope));
        return v == null || !v.exists() ? null : v;
    }

    /** The near-cached list of {@code id} in {@code version}, or null; never asks Redis. */
    public List<Neighbor> cached(String tenant, String scope, Version version, String id) {
        Cached c = lists.getIfPresent(new ListKey(tenant, scope, id));
        return c != null && c.version().equals(version) ? c.neighbors() : null;
    }

    /** Keeps {@code neighbors} as the list of {@code id} in {@code version}. */
    public void cache(String tenant, String scope, Version version, String id, List<Neighbor> neighbors) {
        lists.put(new ListKey(tenant, scope, id), new Cached(version, neighbors));
    }

    /**
     * The stored lists of {@code ids} in {@code version}, in one Redis round trip, without the near-cache; an id the
     * generation holds no list for is absent from the map.
     */
    public Map<String, List<Neighbor>> fetch(String tenant, String scope, Version version, List<String> ids) {
        String key = NeighborKeys.generation(tenant, scope, version.generation());
        List<Request> requests = new ArrayList<>(ids.size());
        for (String id : ids) {
            requests.add(Request.cmd(Command.HGET).arg(key).arg(id));
        }
        List<Response> responses = batch(requests);
        Map<String, List<Neighbor>> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Response r = responses.get(i);
            if (r != null) {
                out.put(ids.get(i), NeighborCodec.decode(r.toBytes()));
            }
        }
        return out;
    }

    /**
     * The lists of {@code ids} in {@code version}: near-cached ones, the rest in one Redis round trip (and cached);
     * an empty list for an id without one.
     */
    public Map<String, List<Neighbor>> lists(String tenant, String scope, Version version, Collection<String> ids) {
        Map<String, List<Neighbor>> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            List<Neighbor> c = cached(tenant, scope, version, id);
            if (c != null) {
                out.put(id, c);
            } else if (!out.containsKey(id)) {
                out.put(id, List.of());
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, List<Neighbor>> fetched = fetch(tenant, scope, version, missing);
            for (String id : missing) {
                List<Neighbor> neighbors = fetched.getOrDefault(id, List.of());
                cache(tenant, scope, version, id, neighbors);
                out.put(id, neighbors);
            }
        }
        return out;
    }

    /** A build on this replica switched the scope to {@code version}. */
    public void switched(String tenant, String scope, Version version) {
        update(new ScopeKey(tenant, scope), version);
    }

    /** The scope's lists were edited in place (an erasure): re-reads its version and drops its cached lists. */
    public void edited(String tenant, String scope) {
        ScopeKey key = new ScopeKey(tenant, scope);
        update(key, read(List.of(key)).get(0));
        dropLists(key);
    }

    /** Re-reads the version of every scope in use, in one round trip; a failure is logged and skipped. */
    public void refresh() {
        if (versions.isEmpty()) {
            return;
        }
        List<ScopeKey> keys = new ArrayList<>(versions.keySet());
        try {
            List<Version> now = read(keys);
            for (int i = 0; i < keys.size(); i++) {
                update(keys.get(i), now.get(i));
            }
        } catch (RuntimeException e) {
            LOG.debugf("neighbour pointer refresh skipped: %s", e.getMessage());
        }
    }

    private void update(ScopeKey key, Version now) {
        Version before = versions.put(key, now);
        if (before != null && !before.equals(now)) {
            dropLists(key);
        }
    }

    private void dropLists(ScopeKey key) {
        lists.asMap().keySet().removeIf(l -> l.tenant().equals(key.tenant()) && l.scope().equals(key.scope()));
    }

    private List<Version> read(List<ScopeKey> keys) {
        List<Request> requests = new ArrayList<>(keys.size());
        for (ScopeKey k : keys) {
            requests.add(Request.cmd(Command.HMGET).arg(NeighborKeys.pointer(k.tenant(), k.scope()))
                    .arg(NeighborKeys.GENERATION).arg(NeighborKeys.REVISION));
        }
        List<Version> out = new ArrayList<>(keys.size());
        for (Response r : batch(requests)) {
            Response g = r.get(0);
            Response rev = r.get(1);
            out.add(g == null ? Version.NONE : new Version(g.toLong(), rev == null ? 0 : rev.toLong()));
        }
        return out;
    }

    private List<Response> batch(List<Request> requests) {
        try {
            return redis.batch(requests).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw ApiError.unavailable("Redis is unavailable: " + e.getMessage(), e);
        }
    }
}
