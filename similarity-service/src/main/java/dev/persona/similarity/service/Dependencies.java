package dev.persona.similarity.service;

import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.common.feed.FeedFollower;
import dev.persona.common.profile.ProfileClient;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The shared clients this service uses: ProfileService, and the change feed followed for {@link SimilarityFeed}. */
@ApplicationScoped
public class Dependencies {

    @GrpcClient("profile")
    ProfileServiceGrpc.ProfileServiceBlockingStub profileStub;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    @ConfigProperty(name = "persona.feed.block")
    Duration feedBlock;

    @ConfigProperty(name = "persona.feed.discover-every")
    Duration feedDiscovery;

    @Produces
    @Singleton
    ProfileClient profileClient() {
        return new ProfileClient(profileStub);
    }

    @Produces
    @Singleton
    FeedFollower feedFollower(Redis redis, SimilarityFeed listener) {
        return new FeedFollower(redis, listener, application, feedBlock, feedDiscovery);
    }

    void startFollowing(@Observes StartupEvent event, FeedFollower follower) {
        follower.start();
    }

    void stopFollowing(@Disposes FeedFollower follower) {
        follower.stop();
    }
}
