package dev.persona.common.wiring;

import dev.persona.common.feed.FeedFollower;
import dev.persona.common.feed.FeedListener;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Follows the change feed from startup for the service's {@link FeedListener} bean (cursor named after the
 * application; {@code persona.feed.block} and {@code persona.feed.discover-every}); active only where
 * {@code persona.follows-feed=true} is set at build time.
 */
@ApplicationScoped
@IfBuildProperty(name = "persona.follows-feed", stringValue = "true")
public class FeedFollowing {

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @ConfigProperty(name = "persona.feed.block", defaultValue = "1s")
    Duration block;

    @ConfigProperty(name = "persona.feed.discover-every", defaultValue = "10s")
    Duration discoverEvery;

    @Produces
    @Singleton
    FeedFollower feedFollower(Redis redis, FeedListener listener) {
        return new FeedFollower(redis, listener, application, block, discoverEvery);
    }

    void start(@Observes StartupEvent event, FeedFollower follower) {
        follower.start();
    }

    void stop(@Disposes FeedFollower follower) {
        follower.stop();
    }
}
