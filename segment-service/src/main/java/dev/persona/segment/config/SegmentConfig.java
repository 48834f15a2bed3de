package dev.persona.segment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of segment-service ({@code persona.segment.*}); see application.properties for their meaning. */
@ConfigMapping(prefix = "persona.segment")
public interface SegmentConfig {

    /** Worker threads of K-Means and the silhouette; 0 means every available core. */
    int threads();

    @WithName("mini-batch-above")
    int miniBatchAbove();

    @WithName("hierarchical-max-users")
    int hierarchicalMaxUsers();

    @WithName("ward-exact-max")
    int wardExactMax();

    @WithName("assignment-ttl")
    Duration assignmentTtl();

    /** The worker threads a build uses: {@link #threads()}, or every available core when it is 0. */
    default int workers() {
        return threads() > 0 ? threads() : Runtime.getRuntime().availableProcessors();
    }
}
