package dev.persona.common.tenant;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;

/**
 * The Redis set {@value #KEY} that mirrors the tenant registry for the services that have no access to
 * profile-service's tables. Only profile-service adds to it; the key cannot collide with a tenant's keys, which all
 * have the form {@code persona:<tenant>:<kind>}.
 */
@ApplicationScoped
public class RedisTenants {

    /** The set of registered tenant ids. */
    public static final String KEY = "persona:tenants";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int BATCH = 1000;

    private final Redis redis;

    @Inject
    public RedisTenants(Redis redis) {
        this.redis = redis;
    }

    /** Whether the set holds {@code tenant}. */
    public boolean contains(String tenant) {
        Response r = redis.send(Request.cmd(Command.SISMEMBER).arg(KEY).arg(tenant)).await().atMost(TIMEOUT);
        return r != null && r.toInteger() == 1;
    }

    /** How many tenants the set holds. */
    public long count() {
        Response r = redis.send(Request.cmd(Command.SCARD).arg(KEY)).await().atMost(TIMEOUT);
        return r == null ? 0 : r.toLong();
    }

    /** Adds {@code tenants} to the set (in batches). */
    public void add(Collection<String> tenants) {
        Request add = null;
        int inBatch = 0;
        for (String t : tenants) {
            if (add == null) {
                add = Request.cmd(Command.SADD).arg(KEY);
            }
            add.arg(t);
            if (++inBatch == BATCH) {
                redis.send(add).await().atMost(TIMEOUT);
                add = null;
                inBatch = 0;
            }
        }
        if (add != null) {
            redis.send(add).await().atMost(TIMEOUT);
        }
    }
}
