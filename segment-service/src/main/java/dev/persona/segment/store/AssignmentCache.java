package dev.persona.segment.store;

import dev.persona.common.redis.RedisKeys;
import dev.persona.segment.config.SegmentConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Build-time assignments cached in Redis for AssignSegment: one hash per segmentation,
 * {@code persona:<t>:segment:<segmentation_id>}, field = user id, value = {@code <segment_id>\t<distance>}, expiring
 * after {@code persona.segment.assignment-ttl}; the set {@code persona:<t>:segmentations} lists the cached ones so
 * an erasure reaches them all. PostgreSQL stays the source of truth: a miss, an expired hash or Redis being down
 * falls back to it, so the cache never decides an answer on its own.
 */
@ApplicationScoped
public class AssignmentCache {

    private static final Logger LOG = Logger.getLogger(AssignmentCache.class);
    private static final int FIELDS_PER_HSET = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Redis redis;
    private final long ttlSeconds;

    public AssignmentCache(Redis redis, SegmentConfig config) {
        this.redis = redis;
        this.ttlSeconds = Math.max(1, config.assignmentTtl().toSeconds());
    }

    /** The hash of one segmentation's cached assignments. */
    public static String key(String tenant, String segmentationId) {
        return RedisKeys.of(tenant, "segment", segmentationId);
    }

    static String index(String tenant) {
        return RedisKeys.tenantPrefix(tenant) + "segmentations";
    }

    /** Caches a build's assignments; a Redis failure is logged and left to the PostgreSQL fallback. */
    public void put(String tenant, String segmentationId, List<String> userIds, String[] segmentIds,
                    double[] distances) {
        String key = key(tenant, segmentationId);
        try {
            List<Request> batch = new ArrayList<>();
            for (int from = 0; from < userIds.size(); from += FIELDS_PER_HSET) {
                Request hset = Request.cmd(Command.HSET).arg(key);
                for (int i = from; i < Math.min(userIds.size(), from + FIELDS_PER_HSET); i++) {
                    hset.arg(userIds.get(i)).arg(segmentIds[i] + "\t" + distances[i]);
                }
                batch.add(hset);
                if (batch.size() == 50) {
                    redis.batch(batch).await().atMost(TIMEOUT);
                    batch = new ArrayList<>();
                }
            }
            batch.add(Request.cmd(Command.EXPIRE).arg(key).arg(ttlSeconds));
            batch.add(Request.cmd(Command.SADD).arg(index(tenant)).arg(segmentationId));
            redis.batch(batch).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warnf("assignments of segmentation %s not cached (%s); PostgreSQL answers instead", segmentationId,
                    e.getMessage());
        }
    }

    /** The cached assignment, or null on a miss or when Redis cannot answer. */
    public SegmentationStore.Member get(String tenant, String segmentationId, String userId) {
        try {
            Response r = redis.send(Request.cmd(Command.HGET).arg(key(tenant, segmentationId)).arg(userId))
                    .await().atMost(TIMEOUT);
            if (r == null) {
                return null;
            }
            String v = r.toString();
            int tab = v.indexOf('\t');
            return new SegmentationStore.Member(v.substring(0, tab), Double.parseDouble(v.substring(tab + 1)));
        } catch (RuntimeException e) {
            LOG.debugf("assignment cache unavailable: %s", e.getMessage());
            return null;
        }
    }

    /**
     * Removes a user from every cached segmentation of the tenant.
     *
     * @throws RuntimeException when Redis fails, so the erasure is retried rather than forgotten
     */
    public void erase(String tenant, String userId) {
        Response ids = redis.send(Request.cmd(Command.SMEMBERS).arg(index(tenant))).await().atMost(TIMEOUT);
        List<Request> batch = new ArrayList<>();
        for (Response id : ids) {
            batch.add(Request.cmd(Command.HDEL).arg(key(tenant, id.toString())).arg(userId));
        }
        if (!batch.isEmpty()) {
            redis.batch(batch).await().atMost(TIMEOUT);
        }
    }
}
