package dev.persona.similarity.service;

import dev.persona.common.neighbors.NeighborReader;
import dev.persona.similarity.config.SimilarityConfig;
import dev.persona.similarity.store.Generation;
import dev.persona.similarity.store.NeighborStore;
import dev.persona.similarity.store.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Applies an erasure notice at once: the user leaves this replica's log, their own list and every other user's list
 * in each serving user generation, and is remembered for a while so that builds that read the log before the
 * erasure drop them too. Idempotent, so every replica may apply the same notice.
 */
@ApplicationScoped
public class Erasures {

    private static final Logger LOG = Logger.getLogger(Erasures.class);

    @Inject
    LiveLogs logs;

    @Inject
    NeighborStore store;

    @Inject
    NeighborReader reader;

    @Inject
    SimilarityConfig config;

    public void erase(String tenant, String userId) {
        logs.erase(tenant, userId);
        store.rememberErasure(tenant, userId, System.currentTimeMillis(), config.erasureMemory());
        for (Scope scope : store.scopes(tenant)) {
            if (!scope.users()) {
                continue;
            }
            Generation g = store.current(tenant, scope);
            if (g != null) {
                int changed = store.eraseFromGeneration(tenant, scope, g.generation(), userId);
                reader.edited(tenant, scope.key());
                LOG.debugf("erased user from %s generation %d (%d lists changed)", scope, g.generation(), changed);
            }
        }
    }
}
