package dev.persona.profile.store;

import dev.persona.common.feed.FeedKeys;
import dev.persona.common.feed.FeedReaders;
import dev.persona.common.redis.RedisKeys;
import dev.persona.profile.config.ProfileConfig;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Trims every tenant's change feed of the entries that every consumer has handled ({@link FeedReaders}), so an
 * erase notice, which names the erased user, is gone from Redis within seconds of the last service applying it.
 * Replicas may trim the same feed at once: trimming is idempotent. Skipped while Redis is unreachable.
 */
@ApplicationScoped
public class FeedTrimmer {

    private static final Logger LOG = Logger.getLogger(FeedTrimmer.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Inject
    Redis redis;

    @Inject
    ProfileConfig config;

    @Inject
    ChangeFeed feed;

    @Scheduled(every = "${persona.feed.trim-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trimAll() {
        if (feed.degraded()) {
            return;
        }
        try {
            for (String feedKey : FeedKeys.all(redis, TIMEOUT)) {
                trim(FeedKeys.tenantOf(feedKey));
            }
        } catch (RuntimeException e) {
            LOG.debugf("change feed not trimmed: %s", e.getMessage());
        }
    }

    /** Trims one tenant's feed; returns how many entries went. */
    public long trim(String tenant) {
        long aliveSince = System.currentTimeMillis() - config.feed().readerGoneAfter().toMillis();
        Map<String, String> readers = new HashMap<>();
        Response all = send(Request.cmd(Command.HGETALL).arg(RedisKeys.feedReaders(tenant)));
        if (all != null) {
            for (String field : all.getKeys()) {
                readers.put(field, all.get(field).toString());
            }
        }
        List<String> gone = FeedReaders.gone(readers, aliveSince);
        if (!gone.isEmpty()) {
            Request hdel = Request.cmd(Command.HDEL).arg(RedisKeys.feedReaders(tenant));
            gone.forEach(hdel::arg);
            send(hdel);
        }
        List<String> consumers = config.feed().consumers();
        Request mget = Request.cmd(Command.MGET);
        consumers.forEach(consumer -> mget.arg(RedisKeys.feedCursor(tenant, consumer)));
        Response saved = send(mget);
        Map<String, String> resumeAt = new HashMap<>();
        for (int c = 0; c < consumers.size(); c++) {
            if (saved.get(c) != null) {
                resumeAt.put(consumers.get(c), saved.get(c).toString());
            }
        }
        Optional<String> point = FeedReaders.trimPoint(readers, resumeAt, consumers, aliveSince);
        if (point.isEmpty()) {
            return 0;
        }
        Response trimmed = send(Request.cmd(Command.XTRIM).arg(RedisKeys.feed(tenant))
                .arg("MINID").arg(FeedReaders.after(point.get())));
        return trimmed == null ? 0 : trimmed.toLong();
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(TIMEOUT);
    }
}
