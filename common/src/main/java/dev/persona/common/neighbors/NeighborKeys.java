package dev.persona.common.neighbors;

import dev.persona.common.redis.RedisKeys;
import java.util.Locale;

/**
 * Where neighbour lists live in Redis, for the service that writes them (similarity-service) and those that read
 * them. A scope is one entity and metric, written {@code item:cosine}, {@code user:pearson} and so on.
 * <ul>
 *   <li>{@code persona:<t>:nbr:<scope>}: the pointer, a hash whose {@value #GENERATION} field names the serving
 *       generation and whose {@value #REVISION} field grows when that generation's lists are edited in place;</li>
 *   <li>{@code persona:<t>:nbr:<scope>:g<N>}: generation N, a hash from entity id to its list ({@link NeighborCodec}).</li>
 * </ul>
 */
public final class NeighborKeys {

    public static final String GENERATION = "generation";
    public static final String REVISION = "revision";

    private NeighborKeys() {
    }

    /** The scope of user–user ({@code users}) or item–item lists for a metric named like {@code COSINE}. */
    public static String scope(boolean users, String metric) {
        return (users ? "user" : "item") + ":" + metric.toLowerCase(Locale.ROOT);
    }

    public static String pointer(String tenant, String scope) {
        return RedisKeys.of(tenant, "nbr", scope);
    }

    public static String generation(String tenant, String scope, long generation) {
        return pointer(tenant, scope) + ":g" + generation;
    }
}
