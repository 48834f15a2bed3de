package dev.persona.recommend.data;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.persona.common.error.ApiError;
import dev.persona.common.neighbors.NeighborCodec;
import dev.persona.common.neighbors.NeighborKeys;
import dev.persona.recommend.config.RecommendConfig;
import dev.persona.recommend.knn.Neighbor;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads the neighbour lists similarity-service writes to Redis ({@link NeighborKeys}), with a near-cache of decoded
 * lists. Each list is cached under the generation and revision it was read from; the pointers of the scopes in use
 * are re-read every {@code pointer-refresh}, so a new generation or an erasure edit is seen within that time.
 */
@ApplicationScoped
public class NeighborReader {

    private static final Logger LOG = Logger.getLogger(NeighborReader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The serving version of one scope; {@code generation} 0 when none was built. */
    public record Version(long generation, long revision) {
        static final Version NONE = new Version(0, 0);

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

    @Inject
    Redis redis;

    @Inject
    RecommendConfig config;

    private final Map<ScopeKey, Version> versions = new ConcurrentHashMap<>();
    private Cache<ListKey, Cached> lists;

    @PostConstruct
    void init() {
        lists = Caffeine.newBuilder().maximumSize(config.nearCacheSize()).build();
    }

    /** The scope's serving version (from this replica's view, read from Redis when not known yet). */
    public Version version(String tenant, String scope) {
        ScopeKey key = new ScopeKey(tenant, scope);
        Version v = versions.get(key);
        if (v == null || !v.exists()) {
            v = read(List.of(key)).get(0);
            versions.put(key, v);
        }
        return v;
    }

    /** The lists of {@code ids} in the scope's serving version (empty lists for ids without one). */
    public Map<String, List<Neighbor>> lists(String tenant, String scope, Version version, List<String> ids) {
        Map<String, List<Neighbor>> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Cached c = lists.getIfPresent(new ListKey(tenant, scope, id));
            if (c != null && c.version().equals(version)) {
                out.put(id, c.neighbors());
            } else if (!out.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            String key = NeighborKeys.generation(tenant, scope, version.generation());
            List<Request> requests = new ArrayList<>(missing.size());
            for (String id : missing) {
                requests.add(Request.cmd(Command.HGET).arg(key).arg(id));
            }
            List<Response> responses = batch(requests);
            for (int i = 0; i < missing.size(); i++) {
                Response r = responses.get(i);
                List<Neighbor> neighbors = r == null ? List.of() : NeighborCodec.decode(r.toBytes()).stream()
                        .map(n -> new Neighbor(n.id(), n.score(), n.support())).toList();
                lists.put(new ListKey(tenant, scope, missing.get(i)), new Cached(version, neighbors));
                out.put(missing.get(i), neighbors);
            }
        }
        return out;
    }

    @Scheduled(every = "${persona.recommend.pointer-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (versions.isEmpty()) {
            return;
        }
        List<ScopeKey> keys = new ArrayList<>(versions.keySet());
        try {
            List<Version> now = read(keys);
            for (int i = 0; i < keys.size(); i++) {
                Version before = versions.put(keys.get(i), now.get(i));
                if (before != null && !before.equals(now.get(i))) {
                    ScopeKey k = keys.get(i);
                    lists.asMap().keySet().removeIf(l -> l.tenant().equals(k.tenant()) && l.scope().equals(k.scope()));
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("neighbour pointer refresh skipped: %s", e.getMessage());
        }
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
            return redis.batch(requests).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            throw ApiError.unavailable("Redis is unavailable: " + e.getMessage(), e);
        }
    }
}
