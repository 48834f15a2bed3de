package dev.persona.similarity.service;

import dev.persona.common.error.ApiError;
import dev.persona.similarity.config.SimilarityConfig;
import dev.persona.core.similarity.NeighborKernel;
import dev.persona.core.similarity.NeighborLists;
import dev.persona.core.similarity.NeighborParams;
import dev.persona.core.similarity.RowProgress;
import dev.persona.similarity.log.Snapshot;
import dev.persona.common.profile.ProfileClient;
import dev.persona.similarity.store.Generation;
import dev.persona.core.similarity.Neighbor;
import dev.persona.common.neighbors.NeighborCodec;
import dev.persona.common.neighbors.NeighborReader;
import dev.persona.similarity.store.NeighborStore;
import dev.persona.similarity.store.Scope;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Builds one scope's neighbour lists: catch the log up to ProfileService's head, snapshot it, compute every list,
 * write them under a new generation, switch the pointer, drop the old generation. A build holds the scope's lock in
 * Redis for its whole length (renewed in the background), so two builds of one scope never interleave, on any
 * replica: the second gets ABORTED. Whatever fails, the previous generation keeps serving and the new one is
 * removed; a build that loses its lock (for example after a long pause) does not switch.
 */
@ApplicationScoped
public class BuildService {

    @Inject
    MeterRegistry registry;


    private static final Logger LOG = Logger.getLogger(BuildService.class);
    /** Lists per progress step and per pipelined write round. */
    private static final int WRITE_CHUNK = 2_000;
    /** Hash fields per HSET command. */
    private static final int FIELDS_PER_COMMAND = 250;

    /** Receives the phases of a build; may be called from several threads, one call at a time per listener. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (phase, done, total) -> { };

        void progress(String phase, long done, long total);
    }

    /** What to build, validated: the scope and the kernel's parameters; {@code threads} 0 for the default. */
    public record Request(Scope scope, int k, int minSupport, double shrinkage, boolean binary, int threads) {
    }

    /** A finished build. */
    public record Outcome(Scope scope, Generation generation, long elapsedMs) {
    }

    @Inject
    LiveLogs logs;

    @Inject
    ProfileClient profile;

    @Inject
    NeighborStore store;

    @Inject
    NeighborReader reader;

    @Inject
    SimilarityConfig config;

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "persona-build-timer");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** Whether this replica is building the scope now. */
    public boolean runningHere(String tenant, Scope scope) {
        return running.contains(tenant + '\n' + scope.key());
    }

    public Outcome build(String tenant, Request request, Listener listener) {
        Scope scope = request.scope();
        String local = tenant + '\n' + scope.key();
        if (!running.add(local)) {
            throw busy(scope);
        }
        try {
            String token = store.tryLock(tenant, scope, config.lockTtl());
            if (token == null) {
                throw busy(scope);
            }
            AtomicBoolean lost = new AtomicBoolean();
            long every = Math.max(100, config.lockTtl().toMillis() / 3);
            ScheduledFuture<?> renewal = timer.scheduleAtFixedRate(() -> {
                try {
                    if (!store.renew(tenant, scope, token, config.lockTtl())) {
                        lost.set(true);
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("could not renew the build lock of %s: %s", scope, e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
            try {
                return buildLocked(tenant, request, token, lost, listener);
            } finally {
                renewal.cancel(false);
                try {
                    store.unlock(tenant, scope, token);
                } catch (RuntimeException e) {
                    LOG.warnf("could not release the build lock of %s (it expires by itself): %s", scope,
                            e.getMessage());
                }
            }
        } finally {
            running.remove(local);
        }
    }

    private Outcome buildLocked(String tenant, Request request, String token, AtomicBoolean lost,
                                Listener listener) {
        long started = System.currentTimeMillis();
        Scope scope = request.scope();
        Generation previous = store.current(tenant, scope);
        long generation = previous == null ? 1 : previous.generation() + 1;

        listener.progress("load", 0, 0);
        logs.catchUp(tenant, (done, total) -> listener.progress("load", done, total));
        Set<String> erasedMarks = new HashSet<>(store.erasedSince(tenant,
                started - config.erasureMemory().toMillis()));
        Set<String> excludedUsers = new HashSet<>();
        Set<String> inactiveItems = Set.of();
        if (scope.users()) {
            excludedUsers.addAll(profile.deniedUsers(tenant));
        } else {
            inactiveItems = profile.inactiveItems(tenant);
        }
        Snapshot snapshot = logs.read(tenant, log -> log.snapshot(request.binary(), id -> !excludedUsers.contains(id)
                && (erasedMarks.isEmpty() || !erasedMarks.contains(NeighborStore.erasureMark(id)))));
        if (snapshot.matrix().nnz() == 0) {
            throw ApiError.precondition("the log holds no interaction to build " + scope + " neighbours from");
        }
        String[] ids = scope.users() ? snapshot.userIds() : snapshot.itemIds();
        int inactiveInSnapshot = 0;
        for (String id : ids) {
            inactiveInSnapshot += inactiveItems.contains(id) ? 1 : 0;
        }
        // Inactive items are never listed as neighbours: compute enough extra that k active ones remain.
        int kernelK = request.k() + Math.min(inactiveInSnapshot, request.k());
        NeighborParams params = new NeighborParams(scope.metric(), kernelK, request.minSupport(), request.shrinkage());
        NeighborKernel kernel = new NeighborKernel(config.threadsFor(request.threads()));
        RowProgress rows = (done, total) -> listener.progress("compute", done, total);
        NeighborLists lists = scope.users() ? kernel.userNeighbors(snapshot.matrix(), params, rows)
                : kernel.itemNeighbors(snapshot.matrix(), params, rows);

        long writeStarted = System.currentTimeMillis();
        store.dropGeneration(tenant, scope, generation);
        if (previous != null && previous.generation() > 1) {
            store.dropGeneration(tenant, scope, previous.generation() - 1);
        }
        try {
            long[] counts = write(tenant, scope, generation, ids, lists, inactiveItems, request.k(), lost, listener);
            Generation next = new Generation(generation, 0, System.currentTimeMillis(), counts[0], counts[1],
                    request.k(), request.minSupport(), request.shrinkage(), request.binary(), snapshot.sequence(),
                    snapshot.events());
            // The last point where a listener may stop the build (a cancelled call): nothing is switched yet.
            listener.progress("switch", 0, 1);
            if (lost.get() || !store.publish(tenant, scope, token, next)) {
                throw ApiError.aborted("the build of " + scope + " neighbours lost its lock before switching"
                        + " (another build took over); the previous generation keeps serving");
            }
            reader.switched(tenant, scope.key(), next.version());
            reportSwitched(listener, scope);
            if (scope.users()) {
                // Users erased while this build ran: the snapshot may hold them; find them by their marks.
                Set<String> lateMarks = new HashSet<>(store.erasedSince(tenant, writeStarted - 1_000));
                if (!lateMarks.isEmpty()) {
                    for (String user : snapshot.userIds()) {
                        if (lateMarks.contains(NeighborStore.erasureMark(user))) {
                            store.eraseFromGeneration(tenant, scope, generation, user);
                        }
                    }
                }
            }
            if (previous != null) {
                // Readers that took the old pointer a moment ago may still read the old generation: drop it later.
                long delay = 4 * config.pointerRefresh().toMillis();
                timer.schedule(() -> dropQuietly(tenant, scope, previous.generation()), delay, TimeUnit.MILLISECONDS);
            }
            Timer.builder("persona.neighbors.build").description("Neighbour-list builds, load to switch")
                    .tag("scope", scope.toString()).register(registry)
                    .record(System.currentTimeMillis() - started, TimeUnit.MILLISECONDS);
            return new Outcome(scope, next, System.currentTimeMillis() - started);
        } catch (RuntimeException e) {
            dropQuietly(tenant, scope, generation);
            throw e;
        }
    }

    /** Reports the switch as done; past the switch the build stands even if the caller has cancelled meanwhile. */
    private static void reportSwitched(Listener listener, Scope scope) {
        try {
            listener.progress("switch", 1, 1);
        } catch (RuntimeException cancelled) {
            LOG.debugf("the caller of the %s build left after the switch: %s", scope, cancelled.getMessage());
        }
    }

    /** Writes every list; returns {entities with a non-empty list, neighbour entries}. */
    private long[] write(String tenant, Scope scope, long generation, String[] ids, NeighborLists lists,
                         Set<String> inactiveItems, int k, AtomicBoolean lost, Listener listener) {
        long nonEmpty = 0;
        long pairs = 0;
        List<Map.Entry<String, byte[]>> chunk = new ArrayList<>(WRITE_CHUNK);
        listener.progress("write", 0, ids.length);
        for (int row = 0; row < ids.length; row++) {
            List<Neighbor> neighbors = new ArrayList<>(Math.min(k, lists.size(row)));
            for (int p = lists.start(row); p < lists.end(row) && neighbors.size() < k; p++) {
                String id = ids[lists.neighbor(p)];
                if (!inactiveItems.contains(id)) {
                    neighbors.add(new Neighbor(id, lists.score(p), lists.support(p)));
                }
            }
            nonEmpty += neighbors.isEmpty() ? 0 : 1;
            pairs += neighbors.size();
            chunk.add(new AbstractMap.SimpleImmutableEntry<>(ids[row], NeighborCodec.encode(neighbors)));
            if (chunk.size() == WRITE_CHUNK || row == ids.length - 1) {
                if (lost.get()) {
                    throw ApiError.aborted("the build of " + scope + " neighbours lost its lock while writing");
                }
                store.writeLists(tenant, scope, generation, chunk, FIELDS_PER_COMMAND);
                chunk.clear();
                listener.progress("write", row + 1, ids.length);
            }
        }
        return new long[] {nonEmpty, pairs};
    }

    private void dropQuietly(String tenant, Scope scope, long generation) {
        try {
            store.dropGeneration(tenant, scope, generation);
        } catch (RuntimeException e) {
            LOG.warnf("could not drop generation %d of %s: %s", generation, scope, e.getMessage());
        }
    }

    private static ApiError busy(Scope scope) {
        return ApiError.aborted("a build of " + scope + " neighbours is already running for this tenant;"
                + " wait for it to finish (GetNeighborsStatus shows building=true until then)");
    }
}
