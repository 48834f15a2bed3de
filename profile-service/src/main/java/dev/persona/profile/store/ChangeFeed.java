package dev.persona.profile.store;

import dev.persona.common.redis.RedisKeys;
import dev.persona.profile.config.ProfileConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes committed events to Redis: each user's recent history (a capped list, newest first, entries
 * {@code item TAB type TAB occurredAtMillis TAB value}) and the tenant's change feed, a Redis Stream with one
 * entry per committed batch: {@code kind=events first_seq last_seq count} — a notification only, carrying no user
 * or item, so that the feed holds nothing personal a later erasure would have to chase; consumers read the events
 * themselves from ExportInteractions — or {@code kind=erase user} for an erasure.
 *
 * <p>Redis is a cache and a notification channel, never the record: when it is down, publishing is skipped
 * (and not retried for {@code persona.feed.retry-after}) so that commits never wait on it; consumers catch up
 * from ExportInteractions. All commands of a batch go in one pipelined round trip.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Commands per pipelined round trip; below the client's waiting-handler limit. */
    private static final int PIPELINE = 4096;

    @Inject
    Redis redis;

    @Inject
    ProfileConfig config;

    private final AtomicLong skipUntil = new AtomicLong();

    /** Publishes committed events (in commit order). Returns false when Redis could not take them. */
    public boolean publishEvents(String tenant, List<EventRecord> events) {
        if (events.isEmpty()) {
            return true;
        }
        List<Request> commands = new ArrayList<>();
        Map<String, List<String>> recentByUser = new LinkedHashMap<>();
        for (EventRecord e : events) {
            long millis = Math.floorDiv(e.occurredAtMicros(), 1000);
            recentByUser.computeIfAbsent(e.userId(), u -> new ArrayList<>())
                    .add(e.itemId() + '\t' + e.kind().name() + '\t' + millis + '\t' + e.value());
        }
        commands.add(Request.cmd(Command.XADD).arg(RedisKeys.feed(tenant))
                .arg("MAXLEN").arg("~").arg(config.feed().maxLength()).arg("*")
                .arg("kind").arg("events")
                .arg("first_seq").arg(events.get(0).sequence())
                .arg("last_seq").arg(events.get(events.size() - 1).sequence())
                .arg("count").arg(events.size()));
        int cap = config.feed().recentCap();
        for (Map.Entry<String, List<String>> r : recentByUser.entrySet()) {
            String key = RedisKeys.recent(tenant, r.getKey());
            Request push = Request.cmd(Command.LPUSH).arg(key);
            List<String> entries = r.getValue();
            for (int i = Math.max(0, entries.size() - cap); i < entries.size(); i++) {
                push.arg(entries.get(i));
            }
            commands.add(push);
            commands.add(Request.cmd(Command.LTRIM).arg(key).arg(0).arg(cap - 1));
        }
        return send(commands);
    }

    /** Removes the user's recent history and announces the erasure on the feed. */
    public boolean publishErasure(String tenant, String userId) {
        return send(List.of(
                Request.cmd(Command.DEL).arg(RedisKeys.recent(tenant, userId)),
                Request.cmd(Command.XADD).arg(RedisKeys.feed(tenant)).arg("*").arg("kind").arg("erase").arg("user").arg(userId)));
    }

    /** Whether the last attempt to reach Redis failed recently. */
    public boolean degraded() {
        return System.currentTimeMillis() < skipUntil.get();
    }

    private boolean send(List<Request> commands) {
        if (degraded()) {
            return false;
        }
        try {
            for (int from = 0; from < commands.size(); from += PIPELINE) {
                redis.batch(commands.subList(from, Math.min(commands.size(), from + PIPELINE))).await().atMost(TIMEOUT);
            }
            return true;
        } catch (RuntimeException e) {
            skipUntil.set(System.currentTimeMillis() + config.feed().retryAfter().toMillis());
            LOG.warnf("Redis unavailable, change feed paused for %s (consumers catch up from ExportInteractions): %s",
                    config.feed().retryAfter(), e.getMessage());
            return false;
        }
    }
}
