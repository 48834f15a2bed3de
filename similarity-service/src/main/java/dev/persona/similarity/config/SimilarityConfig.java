package dev.persona.similarity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of similarity-service ({@code persona.similarity.*}); see application.properties for their meaning. */
@ConfigMapping(prefix = "persona.similarity")
public interface SimilarityConfig {

    /** Build threads when a request asks for 0; 0 here means every available core. */
    int threads();

    Weights weights();

    @WithName("near-cache-size")
    long nearCacheSize();

    @WithName("pointer-refresh")
    Duration pointerRefresh();

    @WithName("lock-ttl")
    Duration lockTtl();

    Rebuild rebuild();

    @WithName("erasure-memory")
    Duration erasureMemory();

    /** Values of the non-rating event types. */
    interface Weights {
        double view();

        double click();

        @WithName("add-to-cart")
        double addToCart();

        double purchase();
    }

    /** When lists rebuild by themselves. */
    interface Rebuild {
        double growth();

        Duration interval();

        @WithName("check-every")
        Duration checkEvery();
    }

    /** The build thread count for a request's {@code threads} (0 = the configured default). */
    default int threadsFor(int requested) {
        if (requested > 0) {
            return requested;
        }
        return threads() > 0 ? threads() : Runtime.getRuntime().availableProcessors();
    }
}
