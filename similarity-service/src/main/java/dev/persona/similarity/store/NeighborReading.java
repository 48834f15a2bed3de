package dev.persona.similarity.store;

import dev.persona.common.neighbors.NeighborReader;
import dev.persona.similarity.config.SimilarityConfig;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Provides this replica's {@link NeighborReader} (near-cache of {@code persona.similarity.near-cache-size} lists,
 * {@link NeighborStore}'s Redis timeout) and re-reads the serving versions it knows every
 * {@code persona.similarity.pointer-refresh}, so a generation switched or edited on another replica is served
 * within that time.
 */
@Singleton
public class NeighborReading {

    private final NeighborReader reader;

    NeighborReading(Redis redis, SimilarityConfig config) {
        reader = new NeighborReader(redis, config.nearCacheSize(), NeighborStore.TIMEOUT);
    }

    @Produces
    @Singleton
    NeighborReader reader() {
        return reader;
    }

    @Scheduled(every = "${persona.similarity.pointer-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        reader.refresh();
    }
}
