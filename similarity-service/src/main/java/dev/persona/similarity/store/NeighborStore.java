package dev.persona.similarity.store;

import dev.persona.common.error.ApiError;
import dev.persona.core.similarity.Neighbor;
import dev.persona.common.neighbors.NeighborCodec;
import dev.persona.common.neighbors.NeighborKeys;
import dev.persona.common.redis.RedisKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Neighbour lists in Redis. Per tenant and {@link Scope}:
 * <ul>
 *   <li>{@code persona:<t>:nbr:<scope>}: the pointer, a hash describing the serving {@link Generation};</li>
 *   <li>{@code persona:<t>:nbr:<scope>:g<N>}: generation N, a hash from entity id to its encoded list
 *       ({@link NeighborCodec}); every entity of the build's snapshot has a field, empty lists included;</li>
 *   <li>{@code persona:<t>:nbr:<scope>:lock}: the build lock, a random token with an expiry;</li>
 *   <li>{@code persona:<t>:nbr-scopes}: the scopes that were ever built; {@code persona:<t>:nbr-erased}: recent
 *       erasures (the SHA-256 of the user id → time), so that builds that read the log earlier still drop erased
 *       users without the ids being kept.</li>
 * </ul>
 * A new generation is written beside the serving one and made current by one script that also checks the build
 * still holds its lock, so readers see the old generation or the new one, never a mix. Any Redis failure becomes
 * UNAVAILABLE.
 */
@ApplicationScoped
public class NeighborStore {

    /** The longest wait for one Redis round trip; this replica's {@link NeighborReading} reader waits as long. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Commands per pipelined round trip. */
    private static final int PIPELINE = 64;

    /** KEYS lock, pointer, scopes; ARGV token, scope, then field/value pairs. Returns 1 if switched. */
    private static final String PUBLISH = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
            redis.call('SADD', KEYS[3], ARGV[2])
            return 1""";
    /** KEYS lock; ARGV token, ttl ms. */
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";
    private static final String UNLOCK = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";
    /** KEYS generation hash; ARGV field, expected old value, new value, ... Returns the fields that changed meanwhile. */
    private static final String COMPARE_AND_SET = """
            local stale = {}
            for i = 1, #ARGV, 3 do
              local current = redis.call('HGET', KEYS[1], ARGV[i])
              if current == ARGV[i + 1] then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
              elseif current then table.insert(stale, ARGV[i]) end
            end
            return stale""";

    private static final String[] POINTER_FIELDS = {"generation", "revision", "built_at", "entities", "pairs", "k",
            "min_support", "shrinkage", "binary", "built_to", "snapshot_events"};

    @Inject
    Redis redis;

    // ---- keys

    static String pointerKey(String tenant, Scope scope) {
        return NeighborKeys.pointer(tenant, scope.key());
    }

    static String generationKey(String tenant, Scope scope, long generation) {
        return NeighborKeys.generation(tenant, scope.key(), generation);
    }

    static String lockKey(String tenant, Scope scope) {
        return pointerKey(tenant, scope) + ":lock";
    }

    static String scopesKey(String tenant) {
        return RedisKeys.tenantPrefix(tenant) + "nbr-scopes";
    }

    static String erasedKey(String tenant) {
        return RedisKeys.tenantPrefix(tenant) + "nbr-erased";
    }

    // ---- pointers

    /** The serving generation of a scope, or null when none was ever built. */
    public Generation current(String tenant, Scope scope) {
        Request hmget = Request.cmd(Command.HMGET).arg(pointerKey(tenant, scope));
        for (String f : POINTER_FIELDS) {
            hmget.arg(f);
        }
        return Generation.of(fieldMap(send(hmget)));
    }

    /** Every scope of the tenant that was ever built. */
    public List<Scope> scopes(String tenant) {
        List<Scope> scopes = new ArrayList<>();
        for (Response member : send(Request.cmd(Command.SMEMBERS).arg(scopesKey(tenant)))) {
            Scope scope = Scope.parse(member.toString());
            if (scope != null) {
                scopes.add(scope);
            }
        }
        return scopes;
    }

    // ---- build lock

    /** Takes the scope's build lock for {@code ttl}; returns its token, or null when another build holds it. */
    public String tryLock(String tenant, Scope scope, Duration ttl) {
        String token = UUID.randomUUID().toString();
        Response r = send(Request.cmd(Command.SET).arg(lockKey(tenant, scope)).arg(token).arg("NX").arg("PX")
                .arg(ttl.toMillis()));
        return r != null && "OK".equals(r.toString()) ? token : null;
    }

    /** Extends the lock if {@code token} still holds it; false when it was lost (expired or taken). */
    public boolean renew(String tenant, Scope scope, String token, Duration ttl) {
        return send(eval(RENEW, List.of(lockKey(tenant, scope)), List.of(token, Long.toString(ttl.toMillis()))))
                .toLong() == 1;
    }

    public void unlock(String tenant, Scope scope, String token) {
        send(eval(UNLOCK, List.of(lockKey(tenant, scope)), List.of(token)));
    }

    /** Whether some build of the scope holds its lock. */
    public boolean locked(String tenant, Scope scope) {
        return send(Request.cmd(Command.EXISTS).arg(lockKey(tenant, scope))).toLong() == 1;
    }

    // ---- generations

    /** Removes a generation's lists (freed in the background). */
    public void dropGeneration(String tenant, Scope scope, long generation) {
        send(Request.cmd(Command.UNLINK).arg(generationKey(tenant, scope, generation)));
    }

    /** Writes lists into a generation that is not serving yet: one HSET per chunk, chunks pipelined. */
    public void writeLists(String tenant, Scope scope, long generation, List<Map.Entry<String, byte[]>> lists,
                           int fieldsPerCommand) {
        String key = generationKey(tenant, scope, generation);
        List<Request> requests = new ArrayList<>();
        for (int from = 0; from < lists.size(); from += fieldsPerCommand) {
            Request hset = Request.cmd(Command.HSET).arg(key);
            for (Map.Entry<String, byte[]> e : lists.subList(from, Math.min(lists.size(), from + fieldsPerCommand))) {
                hset.arg(e.getKey()).arg(e.getValue());
            }
            requests.add(hset);
        }
        batch(requests);
    }

    /**
     * Makes {@code generation} the scope's serving generation if {@code token} still holds the build lock; returns
     * false (and changes nothing) when the lock was lost.
     */
    public boolean publish(String tenant, Scope scope, String token, Generation generation) {
        List<String> args = new ArrayList<>();
        args.add(token);
        args.add(scope.key());
        generation.fields().forEach((f, v) -> {
            args.add(f);
            args.add(v);
        });
        return send(eval(PUBLISH, List.of(lockKey(tenant, scope), pointerKey(tenant, scope), scopesKey(tenant)),
                args)).toLong() == 1;
    }

    // ---- erasure

    /**
     * Removes a user from a user generation: the user's own list, and the user from every other list. Other lists
     * are rewritten with a compare-and-set per field, so concurrent edits of the same list are never lost; the
     * pointer's revision then grows so that near-caches drop the generation's entries. Returns the lists changed.
     */
    public int eraseFromGeneration(String tenant, Scope scope, long generation, String userId) {
        String key = generationKey(tenant, scope, generation);
        long removed = send(Request.cmd(Command.HDEL).arg(key).arg(userId)).toLong();
        int changed = 0;
        String cursor = "0";
        do {
            Response page = send(Request.cmd(Command.HSCAN).arg(key).arg(cursor).arg("COUNT").arg(1000));
            cursor = page.get(0).toString();
            Response entries = page.get(1);
            Map<String, byte[]> current = new LinkedHashMap<>();
            for (int i = 0; i + 1 < entries.size(); i += 2) {
                current.put(entries.get(i).toString(), entries.get(i + 1).toBytes());
            }
            changed += removeUser(key, current, userId);
        } while (!"0".equals(cursor));
        if (removed > 0 || changed > 0) {
            send(Request.cmd(Command.HINCRBY).arg(pointerKey(tenant, scope)).arg("revision").arg(1));
        }
        return changed;
    }

    private int removeUser(String key, Map<String, byte[]> lists, String userId) {
        int changed = 0;
        while (!lists.isEmpty()) {
            List<String> args = new ArrayList<>();
            Request cas = null;
            for (Map.Entry<String, byte[]> e : lists.entrySet()) {
                List<Neighbor> neighbors = NeighborCodec.decode(e.getValue());
                List<Neighbor> kept = neighbors.stream().filter(n -> !n.id().equals(userId)).toList();
                if (kept.size() != neighbors.size()) {
                    if (cas == null) {
                        cas = Request.cmd(Command.EVAL).arg(COMPARE_AND_SET).arg(1).arg(key);
                    }
                    cas.arg(e.getKey()).arg(e.getValue()).arg(NeighborCodec.encode(kept));
                    args.add(e.getKey());
                }
            }
            if (cas == null) {
                return changed;
            }
            Response stale = send(cas);
            changed += args.size() - stale.size();
            Map<String, byte[]> retry = new HashMap<>();
            for (Response field : stale) {
                byte[] now = send(Request.cmd(Command.HGET).arg(key).arg(field.toString())).toBytes();
                retry.put(field.toString(), now);
            }
            lists = retry;
        }
        return changed;
    }

    /**
     * The mark an erasure leaves in {@code nbr-erased}: the SHA-256 of the user id, hex. Builds compare the users they
     * read with it, so the erased id itself is kept nowhere.
     */
    public static String erasureMark(String userId) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Remembers an erasure (for builds that read the log before it) and forgets those older than {@code keep}. */
    public void rememberErasure(String tenant, String userId, long nowMillis, Duration keep) {
        batch(List.of(
                Request.cmd(Command.ZADD).arg(erasedKey(tenant)).arg(nowMillis).arg(erasureMark(userId)),
                Request.cmd(Command.ZREMRANGEBYSCORE).arg(erasedKey(tenant)).arg("-inf")
                        .arg(nowMillis - keep.toMillis())));
    }

    /** The marks ({@link #erasureMark}) of the users erased at or after {@code sinceMillis}. */
    public List<String> erasedSince(String tenant, long sinceMillis) {
        List<String> users = new ArrayList<>();
        for (Response r : send(Request.cmd(Command.ZRANGEBYSCORE).arg(erasedKey(tenant)).arg(sinceMillis).arg("+inf"))) {
            users.add(r.toString());
        }
        return users;
    }

    // ---- plumbing

    private static Request eval(String script, List<String> keys, List<String> args) {
        Request r = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
        keys.forEach(r::arg);
        args.forEach(r::arg);
        return r;
    }

    private static Map<String, String> fieldMap(Response hmget) {
        Map<String, String> f = new HashMap<>();
        for (int i = 0; i < POINTER_FIELDS.length && i < hmget.size(); i++) {
            Response v = hmget.get(i);
            if (v != null) {
                f.put(POINTER_FIELDS[i], v.toString());
            }
        }
        return f;
    }

    Response send(Request request) {
        try {
            return redis.send(request).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            throw ApiError.unavailable("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    private List<Response> batch(List<Request> requests) {
        List<Response> out = new ArrayList<>(requests.size());
        try {
            for (int from = 0; from < requests.size(); from += PIPELINE) {
                out.addAll(redis.batch(requests.subList(from, Math.min(requests.size(), from + PIPELINE)))
                        .await().atMost(TIMEOUT));
            }
        } catch (RuntimeException e) {
            throw ApiError.unavailable("Redis is unavailable: " + e.getMessage(), e);
        }
        return out;
    }
}
