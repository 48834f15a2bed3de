package dev.persona.recommend.store;

import dev.persona.common.redis.RedisKeys;
import dev.persona.recommend.model.ModelCodec;
import dev.persona.recommend.model.TrainedModel;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The serving model of each type, per tenant this replica serves. A training stores a version and bumps the
 * tenant's revision key in Redis ({@code persona:<t>:models-revision}); every replica checks those keys every
 * {@code persona.recommend.model-check} and, when one moved, reads the serving versions from PostgreSQL, decodes
 * what changed and swaps it in. PostgreSQL is re-read every {@code persona.recommend.model-poll} anyway, so a
 * lost notice only delays a swap. Requests read whichever model was current when they started: a swap never fails
 * or pauses one (the decode happens off the request path, then one map entry changes).
 */
@ApplicationScoped
public class ServingModels {

    private static final Logger LOG = Logger.getLogger(ServingModels.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** A decoded serving model. */
    public record Loaded(String version, TrainedModel model) {
    }

    private final ModelStore store;
    private final Redis redis;
    private final Map<String, Map<String, Loaded>> tenants = new ConcurrentHashMap<>();
    private final Map<String, String> revisions = new ConcurrentHashMap<>();

    public ServingModels(ModelStore store, Redis redis) {
        this.store = store;
        this.redis = redis;
    }

    static String revisionKey(String tenant) {
        return RedisKeys.tenantPrefix(tenant) + "models-revision";
    }

    /**
     * The serving model of a type ("ALS_IMPLICIT", "ALS_EXPLICIT", "EASE"), or null when none serves.
     *
     * @throws dev.persona.common.error.ApiError UNAVAILABLE when this replica never read the tenant's models and
     *         PostgreSQL cannot be read now
     */
    public Loaded get(String tenant, String type) {
        Map<String, Loaded> models = tenants.get(tenant);
        if (models == null) {
            models = firstLoad(tenant);
        }
        return models.get(type);
    }

    /** First use of a tenant: a PostgreSQL failure is UNAVAILABLE rather than pretending nothing was trained. */
    private synchronized Map<String, Loaded> firstLoad(String tenant) {
        Map<String, Loaded> models = tenants.get(tenant);
        return models != null ? models : load(tenant, store.serving(tenant));
    }

    /**
     * Reads the tenant's serving versions and swaps in what changed. Returns the tenant's models; on a PostgreSQL
     * failure keeps (and returns) what it had.
     */
    public synchronized Map<String, Loaded> refresh(String tenant) {
        Map<String, String> serving;
        try {
            serving = store.serving(tenant);
        } catch (RuntimeException e) {
            LOG.debugf("serving models of tenant %s not re-read: %s", tenant, e.getMessage());
            return tenants.getOrDefault(tenant, Map.of());
        }
        return load(tenant, serving);
    }

    /** Decodes what changed against the tenant's serving versions and swaps it in. */
    private Map<String, Loaded> load(String tenant, Map<String, String> serving) {
        Map<String, Loaded> current = tenants.getOrDefault(tenant, Map.of());
        Map<String, Loaded> next = new ConcurrentHashMap<>();
        for (Map.Entry<String, String> e : serving.entrySet()) {
            Loaded had = current.get(e.getKey());
            if (had != null && had.version().equals(e.getValue())) {
                next.put(e.getKey(), had);
                continue;
            }
            byte[] bytes = store.model(tenant, e.getValue());
            if (bytes != null) {
                next.put(e.getKey(), new Loaded(e.getValue(), ModelCodec.decode(bytes)));
                LOG.infof("tenant %s: %s model %s now serves", tenant, e.getKey(), e.getValue());
            }
        }
        tenants.put(tenant, next);
        return next;
    }

    /** Tells every replica that the tenant's serving models changed (best effort: the poll is the safety net). */
    public void announce(String tenant) {
        try {
            redis.send(Request.cmd(Command.INCR).arg(revisionKey(tenant))).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf("model notice for tenant %s not sent (%s); replicas see it at their next poll", tenant,
                    e.getMessage());
        }
    }

    /** Forgets a user in every model this replica holds. */
    public void erase(String tenant, String userId) {
        Map<String, Loaded> models = tenants.get(tenant);
        if (models != null) {
            models.values().forEach(l -> l.model().erase(userId));
        }
    }

    @Scheduled(every = "${persona.recommend.model-check}", delayed = "${persona.recommend.model-check}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        List<String> held = new ArrayList<>(tenants.keySet());
        if (held.isEmpty()) {
            return;
        }
        Request mget = Request.cmd(Command.MGET);
        held.forEach(t -> mget.arg(revisionKey(t)));
        Response r;
        try {
            r = redis.send(mget).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            return; // Redis down: the poll below still runs
        }
        for (int i = 0; i < held.size(); i++) {
            String revision = r.get(i) == null ? "" : r.get(i).toString();
            String tenant = held.get(i);
            if (!Objects.equals(revisions.put(tenant, revision), revision)) {
                refresh(tenant);
            }
        }
    }

    @Scheduled(every = "${persona.recommend.model-poll}", delayed = "${persona.recommend.model-poll}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        for (String tenant : new ArrayList<>(tenants.keySet())) {
            refresh(tenant);
        }
    }
}
