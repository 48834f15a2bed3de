package dev.persona.similarity.service;

import dev.persona.common.error.ApiError;
import dev.persona.common.feed.FeedFollower;
import dev.persona.similarity.config.SimilarityConfig;
import dev.persona.similarity.store.Generation;
import dev.persona.similarity.store.NeighborStore;
import dev.persona.similarity.store.Scope;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Rebuilds, with the parameters it was built with, every scope whose serving generation has fallen behind the log:
 * when the events committed since its snapshot reach {@code rebuild.growth} times the events it was built from, or
 * when it is older than {@code rebuild.interval} and at least one event came since. The build lock makes sure only
 * one replica rebuilds a scope; the others skip it.
 */
@ApplicationScoped
public class AutoRebuild {

    private static final Logger LOG = Logger.getLogger(AutoRebuild.class);

    @Inject
    FeedFollower feed;

    @Inject
    LiveLogs logs;

    @Inject
    NeighborStore store;

    @Inject
    BuildService builds;

    @Inject
    SimilarityConfig config;

    @Scheduled(every = "${persona.similarity.rebuild.check-every}", delayed = "${persona.similarity.rebuild.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Set<String> tenants = new LinkedHashSet<>(feed.tenants());
        tenants.addAll(logs.tenants());
        for (String tenant : tenants) {
            try {
                checkTenant(tenant);
            } catch (RuntimeException e) {
                LOG.debugf("automatic rebuild check of tenant %s skipped: %s", tenant, e.getMessage());
            }
        }
    }

    /** Rebuilds what is due in one tenant; returns the number of builds started. */
    int checkTenant(String tenant) {
        int started = 0;
        boolean caughtUp = false;
        for (Scope scope : store.scopes(tenant)) {
            Generation g = store.current(tenant, scope);
            if (g == null || builds.runningHere(tenant, scope) || store.locked(tenant, scope)) {
                continue;
            }
            if (!caughtUp) {
                logs.catchUp(tenant, LiveLogs.LoadProgress.NONE);
                caughtUp = true;
            }
            long behind = logs.read(tenant, log -> log.eventsAfter(g.builtToSequence()));
            boolean grown = behind >= Math.max(1, config.rebuild().growth() * g.snapshotEvents());
            boolean old = behind > 0
                    && System.currentTimeMillis() - g.builtAtMillis() >= config.rebuild().interval().toMillis();
            if (!grown && !old) {
                continue;
            }
            try {
                BuildService.Request request = new BuildService.Request(scope, g.k(), g.minSupport(), g.shrinkage(),
                        g.binary(), 0);
                BuildService.Outcome outcome = builds.build(tenant, request, BuildService.Listener.NONE);
                started++;
                LOG.infof("rebuilt %s neighbours of tenant %s (%d events behind): generation %d in %d ms", scope,
                        tenant, behind, outcome.generation().generation(), outcome.elapsedMs());
            } catch (ApiError e) {
                LOG.infof("automatic rebuild of %s neighbours of tenant %s skipped: %s", scope, tenant, e.getMessage());
            }
        }
        return started;
    }
}
