package dev.persona.profile.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.persona.common.feed.FeedReaders;
import dev.persona.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erase notices leave the change feed once every consumer has handled them, and not before. */
@QuarkusTest
class FeedTrimmerTest {

    @Inject
    ChangeFeed feed;

    @Inject
    FeedTrimmer trimmer;

    @Inject
    RedisDataSource redis;

    private final String tenant = "t-" + UUID.randomUUID();

    private List<String> usersInFeed() {
        return redis.stream(String.class).xrange(RedisKeys.feed(tenant), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).map(p -> p.get("user")).toList();
    }

    private String idOf(int index) {
        return redis.stream(String.class).xrange(RedisKeys.feed(tenant), StreamRange.of("-", "+")).get(index).id();
    }

    private void reader(String field, String id, long heartbeat) {
        redis.hash(String.class).hset(RedisKeys.feedReaders(tenant), field, FeedReaders.value(id, heartbeat));
    }

    @Test
    void anEntryLeavesOnceEveryConsumerHandledItInEveryLiveReplica() {
        feed.publishErasure(tenant, "u1");
        feed.publishErasure(tenant, "u2");
        String first = idOf(0);
        String second = idOf(1);
        long now = System.currentTimeMillis();
        reader("similarity-service/a", first, now);
        reader("similarity-service/dead", "0-1", now - 3_600_000);
        reader("recommend-service/b", second, now);

        assertEquals(0, trimmer.trim(tenant), "segment-service never read the feed: nothing goes");
        assertEquals(List.of("u1", "u2"), usersInFeed());

        // segment-service has no live replica; it resumes after the second notice when it starts.
        redis.value(String.class).set(RedisKeys.feedCursor(tenant, "segment-service"), second);
        assertEquals(1, trimmer.trim(tenant), "only what the slowest live similarity-service replica handled");
        assertEquals(List.of("u2"), usersInFeed());
        assertFalse(redis.hash(String.class).hexists(RedisKeys.feedReaders(tenant), "similarity-service/dead"),
                "a replica gone for an hour is forgotten");

        reader("similarity-service/a", second, now);
        assertEquals(1, trimmer.trim(tenant));
        assertEquals(List.of(), usersInFeed(), "no erased id lingers in the feed");
    }
}
