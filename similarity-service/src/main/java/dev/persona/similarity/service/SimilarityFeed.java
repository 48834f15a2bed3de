package dev.persona.similarity.service;

import dev.persona.common.feed.FeedListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * similarity-service's use of the change feed: new events make this replica catch its copy of the tenant's log up
 * (in the background, one catch-up per tenant at a time, when it holds that log); an erasure is applied at once.
 */
@ApplicationScoped
public class SimilarityFeed implements FeedListener {

    private static final Logger LOG = Logger.getLogger(SimilarityFeed.class);

    @Inject
    LiveLogs logs;

    @Inject
    Erasures erasures;

    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "persona-catch-up");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        catchUps.shutdownNow();
    }

    @Override
    public void eventsCommitted(String tenant) {
        if (!logs.tenants().contains(tenant) || !pending.add(tenant)) {
            return;
        }
        catchUps.execute(() -> {
            pending.remove(tenant);
            try {
                logs.catchUp(tenant, LiveLogs.LoadProgress.NONE);
            } catch (RuntimeException e) {
                LOG.debugf("catch-up of tenant %s failed (retried on the next notice): %s", tenant, e.getMessage());
            }
        });
    }

    @Override
    public void userErased(String tenant, String userId) {
        erasures.erase(tenant, userId);
    }
}
