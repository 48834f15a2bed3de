package dev.persona.recommend.service;

import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.common.feed.FeedFollower;
import dev.persona.common.feed.FeedListener;
import dev.persona.common.profile.ProfileClient;
import dev.persona.recommend.data.TenantStore;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The shared clients this service uses: ProfileService, and the change feed, whose events make this replica catch
 * its tenants' logs up and whose erasures it applies at once.
 */
@ApplicationScoped
public class Dependencies implements FeedListener {

    @GrpcClient("profile")
    ProfileServiceGrpc.ProfileServiceBlockingStub profileStub;

    @Inject
    TenantStore tenants;

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
    FeedFollower feedFollower(Redis redis) {
        return new FeedFollower(redis, this, application, feedBlock, feedDiscovery);
    }

    void startFollowing(@Observes StartupEvent event, FeedFollower follower) {
        follower.start();
    }

    void stopFollowing(@Disposes FeedFollower follower) {
        follower.stop();
    }

    @Override
    public void eventsCommitted(String tenant) {
        tenants.catchUp(tenant);
    }

    @Override
    public void userErased(String tenant, String userId) {
        tenants.erase(tenant, userId);
    }
}
