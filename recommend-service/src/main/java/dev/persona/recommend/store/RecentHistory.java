package dev.persona.recommend.store;

import dev.persona.common.redis.RedisKeys;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's recent history as profile-service leaves it in Redis right after each commit ({@code
 * persona:<t>:recent:<user>}, newest first, entries {@code item TAB TYPE TAB millis TAB value}): what makes an event
 * count in the user's very next request, before the change feed has been followed.
 */
@ApplicationScoped
public class RecentHistory {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    Redis redis;

    /** The recent events, oldest first; throws when Redis cannot be read. */
    public List<UserEvent> recent(String tenant, String userId) {
        Response r = redis.send(Request.cmd(Command.LRANGE).arg(RedisKeys.recent(tenant, userId)).arg(0).arg(-1))
                .await().atMost(TIMEOUT);
        List<UserEvent> events = new ArrayList<>();
        if (r == null) {
            return events;
        }
        for (int i = r.size() - 1; i >= 0; i--) {
            UserEvent e = parse(r.get(i).toString());
            if (e != null) {
                events.add(e);
            }
        }
        return events;
    }

    /** {@code log} followed by the recent events it does not hold yet (same item, kind and time). */
    public static List<UserEvent> merge(List<UserEvent> log, List<UserEvent> recent) {
        if (recent.isEmpty()) {
            return log;
        }
        Set<UserEvent> known = new HashSet<>(log);
        List<UserEvent> merged = new ArrayList<>(log);
        for (UserEvent e : recent) {
            if (known.add(e)) {
                merged.add(e);
            }
        }
        return merged;
    }

    static UserEvent parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 4) {
            return null;
        }
        try {
            return new UserEvent(f[0], EventKind.valueOf(f[1]), Double.parseDouble(f[3]), Long.parseLong(f[2]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
