package dev.persona.common.feed;

import dev.persona.common.redis.RedisKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Finds the tenants' change feeds in Redis ({@code persona:<t>:feed} streams). */
public final class FeedKeys {

    private static final String PREFIX = "persona:";
    private static final String SUFFIX = ":feed";

    private FeedKeys() {
    }

    /** Every change-feed key now in Redis (a SCAN: a feed created meanwhile may be missed until the next call). */
    public static List<String> all(Redis redis, Duration timeout) {
        List<String> feeds = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(PREFIX + "*" + SUFFIX)
                    .arg("COUNT").arg(1000).arg("TYPE").arg("stream")).await().atMost(timeout);
            cursor = page.get(0).toString();
            for (Response key : page.get(1)) {
                feeds.add(key.toString());
            }
        } while (!"0".equals(cursor));
        return feeds;
    }

    /** The tenant whose change feed {@code feedKey} is. */
    public static String tenantOf(String feedKey) {
        return RedisKeys.decode(feedKey.substring(PREFIX.length(), feedKey.length() - SUFFIX.length()));
    }
}
