package dev.persona.recommend.store;

import dev.persona.common.neighbors.NeighborReader;
import dev.persona.recommend.config.RecommendConfig;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Provides this replica's {@link NeighborReader} (common's one reader of similarity-service's lists) with
 * recommend-service's settings: {@code persona.recommend.near-cache-size} decoded lists kept, 2 s for a Redis round
 * trip; and re-reads the serving versions of the scopes in use every {@code persona.recommend.pointer-refresh}, so
 * that a new generation or an erasure edit is seen within that time.
 */
@ApplicationScoped
public class NeighborReading {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final NeighborReader reader;

    public NeighborReading(Redis redis, RecommendConfig config) {
        this.reader = new NeighborReader(redis, config.nearCacheSize(), TIMEOUT);
    }

    @Produces
    @Singleton
    NeighborReader neighborReader() {
        return reader;
    }

    @Scheduled(every = "${persona.recommend.pointer-refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        reader.refresh();
    }
}
