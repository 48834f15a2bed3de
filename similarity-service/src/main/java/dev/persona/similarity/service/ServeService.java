package dev.persona.similarity.service;

import dev.persona.api.v1.ConsentStatus;
import dev.persona.common.error.ApiError;
import dev.persona.common.neighbors.NeighborReader;
import dev.persona.common.profile.ProfileClient;
import dev.persona.core.similarity.Metric;
import dev.persona.core.similarity.Neighbor;
import dev.persona.core.similarity.PairSimilarity;
import dev.persona.similarity.store.Generation;
import dev.persona.similarity.store.NeighborStore;
import dev.persona.similarity.store.Scope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads: neighbour lists from the serving generation (through this replica's {@link NeighborReader}, shared with
 * recommend-service), exact pair scores, and the status of every scope.
 */
@ApplicationScoped
public class ServeService {

    /** A list read from a generation. */
    public record Similar(List<Neighbor> neighbors, long generation) {
    }

    /** The state of one scope. */
    public record Status(Scope scope, Generation generation, long eventsBehind, boolean building) {
    }

    /** How long a read waits for a running catch-up (a build's load) before reading the log as it stands. */
    private static final long CATCH_UP_WAIT_MS = 2_000;

    @Inject
    NeighborReader reader;

    @Inject
    NeighborStore store;

    @Inject
    ProfileClient profile;

    @Inject
    LiveLogs logs;

    private final Counter cacheHits;
    private final Counter cacheMisses;

    public ServeService(MeterRegistry registry) {
        cacheHits = Counter.builder("persona.neighbors.cache").tag("result", "hit")
                .description("Neighbour-list reads answered by the near-cache, or not").register(registry);
        cacheMisses = Counter.builder("persona.neighbors.cache").tag("result", "miss")
                .description("Neighbour-list reads answered by the near-cache, or not").register(registry);
    }

    /**
     * The answer of {@link #similar} when this replica can give it from memory alone (version known, list
     * near-cached), else null. Never blocks, so it may run on an I/O thread.
     */
    public Similar similarFromMemory(String tenant, Scope scope, String id, int k) {
        NeighborReader.Version v = reader.known(tenant, scope.key());
        List<Neighbor> neighbors = v == null ? null : reader.cached(tenant, scope.key(), v, id);
        if (neighbors != null) {
            cacheHits.increment();
        }
        return neighbors == null ? null : new Similar(first(neighbors, k), v.generation());
    }

    /**
     * Up to {@code k} neighbours of {@code id} (field {@code field} of the request) from the serving generation. An
     * id the generation holds no list for gets an empty one if ProfileService knows it, NOT_FOUND otherwise.
     */
    public Similar similar(String tenant, Scope scope, String field, String id, int k) {
        String key = scope.key();
        NeighborReader.Version v = reader.version(tenant, key);
        if (!v.exists()) {
            throw ApiError.precondition("no " + scope + " neighbour lists have been built for this tenant yet;"
                    + " call BuildNeighbors first");
        }
        List<Neighbor> neighbors = reader.cached(tenant, key, v, id);
        (neighbors == null ? cacheMisses : cacheHits).increment();
        if (neighbors == null) {
            neighbors = reader.fetch(tenant, key, v, List.of(id)).get(id);
            if (neighbors == null) {
                requireExists(tenant, scope.users(), field, id);
                neighbors = List.of();
            }
            reader.cache(tenant, key, v, id, neighbors);
        }
        return new Similar(first(neighbors, k), v.generation());
    }

    private static List<Neighbor> first(List<Neighbor> neighbors, int k) {
        return neighbors.size() <= k ? neighbors : neighbors.subList(0, k);
    }

    /** The exact score of {@code a} and {@code b} over the log as it is now. */
    public PairSimilarity.Score similarity(String tenant, boolean users, String a, String b, Metric metric,
                                           double shrinkage, boolean binary) {
        logs.catchUpIfIdle(tenant, CATCH_UP_WAIT_MS);
        boolean[] known = logs.read(tenant, log -> new boolean[] {
                users ? log.hasUser(a) : log.hasItem(a), users ? log.hasUser(b) : log.hasItem(b)});
        if (!known[0]) {
            requireExists(tenant, users, "a", a);
        }
        if (!known[1]) {
            requireExists(tenant, users, "b", b);
        }
        return logs.read(tenant, log -> log.similarity(!users, a, b, metric, shrinkage, binary));
    }

    /** Every scope that serves or is being built, by entity (items first) then metric. */
    public List<Status> status(String tenant) {
        List<Scope> scopes = new ArrayList<>(store.scopes(tenant));
        for (boolean users : new boolean[] {false, true}) {
            for (Metric metric : Metric.values()) {
                Scope s = new Scope(users, metric);
                if (!scopes.contains(s) && store.locked(tenant, s)) {
                    scopes.add(s);
                }
            }
        }
        scopes.sort(Comparator.comparing((Scope s) -> s.users()).thenComparing(Scope::metric));
        boolean reachable;
        try {
            logs.catchUpIfIdle(tenant, CATCH_UP_WAIT_MS);
            reachable = true;
        } catch (ApiError e) {
            reachable = false;
        }
        List<Status> out = new ArrayList<>();
        for (Scope s : scopes) {
            Generation g = store.current(tenant, s);
            long behind = g == null || !reachable ? -1
                    : logs.read(tenant, log -> log.eventsAfter(g.builtToSequence()));
            out.add(new Status(s, g, g == null ? 0 : behind, store.locked(tenant, s)));
        }
        return out;
    }

    private void requireExists(String tenant, boolean users, String field, String id) {
        boolean exists;
        if (users) {
            ConsentStatus consent = profile.userConsent(tenant, id);
            exists = consent != null;
        } else {
            exists = profile.itemExists(tenant, id);
        }
        if (!exists) {
            throw ApiError.notFound(field + ": " + (users ? "user" : "item"), id);
        }
    }
}
