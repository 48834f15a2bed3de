package dev.persona.common.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.common.redis.RedisKeys;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The change-feed follower against the real Redis of the tests (127.0.0.1:6379, or REDIS_URL). */
class FeedFollowerTest {

    private Vertx vertx;
    private Redis redis;
    private FeedFollower follower;

    @BeforeEach
    void connect() {
        vertx = Vertx.vertx();
        String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        redis = Redis.createClient(vertx, url);
    }

    @AfterEach
    void close() {
        if (follower != null) {
            follower.stop();
        }
        redis.close();
        vertx.closeAndAwait();
    }

    private void append(String tenant, String... fields) {
        Request xadd = Request.cmd(Command.XADD).arg(RedisKeys.feed(tenant)).arg("*");
        for (String f : fields) {
            xadd.arg(f);
        }
        redis.send(xadd).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aTenantWhoseListenerFailsDoesNotHoldUpTheOthersAndIsRetriedFromWhereItStopped() throws Exception {
        String sick = "t-" + UUID.randomUUID();
        String well = "t-" + UUID.randomUUID();
        List<String> erased = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        FeedListener listener = new FeedListener() {
            @Override
            public void eventsCommitted(String tenant) {
            }

            @Override
            public void userErased(String tenant, String userId) {
                if (tenant.equals(sick) && failures.getAndIncrement() < 3) {
                    throw new IllegalStateException("database down");
                }
                erased.add(tenant + "/" + userId);
            }
        };
        append(sick, "kind", "erase", "user", "a1");
        append(sick, "kind", "erase", "user", "a2");
        append(well, "kind", "erase", "user", "b1");
        follower = new FeedFollower(redis, listener, "test-" + UUID.randomUUID(), Duration.ofMillis(100),
                Duration.ofMillis(100));
        follower.start();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!erased.contains(sick + "/a2") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(erased.contains(well + "/b1"), erased.toString());
        assertEquals(List.of(sick + "/a1", sick + "/a2"), erased.stream().filter(e -> e.startsWith(sick)).toList(),
                "each of the sick tenant's erasures exactly once, in order, after the failures");
        assertTrue(erased.indexOf(well + "/b1") < erased.indexOf(sick + "/a1"), "the well tenant did not wait");
    }

    @Test
    void anErrorInAListenerDoesNotEndTheLoop() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        List<String> erased = new CopyOnWriteArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        FeedListener listener = new FeedListener() {
            @Override
            public void eventsCommitted(String t) {
            }

            @Override
            public void userErased(String t, String userId) {
                if (t.equals(tenant) && errors.getAndIncrement() == 0) {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }
                if (t.equals(tenant)) {
                    erased.add(userId);
                }
            }
        };
        append(tenant, "kind", "erase", "user", "a1");
        follower = new FeedFollower(redis, listener, "test-" + UUID.randomUUID(), Duration.ofMillis(100),
                Duration.ofMillis(100));
        follower.start();
        append(tenant, "kind", "erase", "user", "a2");
        long deadline = System.currentTimeMillis() + 15_000;
        while (!erased.contains("a2") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of("a1", "a2"), erased, "the erasure that hit the Error is retried, and later ones follow");
    }

    @Test
    void eachReplicaSaysHowFarItReadAndWithdrawsWhenStopped() throws Exception {
        String tenant = "t-" + UUID.randomUUID();
        String consumer = "test-" + UUID.randomUUID();
        append(tenant, "kind", "erase", "user", "a1");
        List<String> erased = new CopyOnWriteArrayList<>();
        FeedListener listener = new FeedListener() {
            @Override
            public void eventsCommitted(String t) {
            }

            @Override
            public void userErased(String t, String userId) {
                if (t.equals(tenant)) {
                    erased.add(userId);
                }
            }
        };
        follower = new FeedFollower(redis, listener, consumer, Duration.ofMillis(100), Duration.ofMillis(100));
        follower.start();
        String lastId = redis.send(Request.cmd(Command.XREVRANGE).arg(RedisKeys.feed(tenant)).arg("+").arg("-")
                .arg("COUNT").arg(1)).await().atMost(Duration.ofSeconds(5)).get(0).get(0).toString();
        long deadline = System.currentTimeMillis() + 10_000;
        String mine = null;
        while (System.currentTimeMillis() < deadline) {
            var readers = redis.send(Request.cmd(Command.HGETALL).arg(RedisKeys.feedReaders(tenant)))
                    .await().atMost(Duration.ofSeconds(5));
            for (String field : readers.getKeys()) {
                if (field.startsWith(consumer + "/") && readers.get(field).toString().startsWith(lastId + " ")) {
                    mine = field;
                }
            }
            if (mine != null) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(List.of("a1"), erased);
        assertTrue(mine != null, "the replica's field names the erase entry it handled");
        follower.stop();
        follower = null;
        assertEquals(0, redis.send(Request.cmd(Command.HEXISTS).arg(RedisKeys.feedReaders(tenant)).arg(mine))
                .await().atMost(Duration.ofSeconds(5)).toInteger());
    }
}
