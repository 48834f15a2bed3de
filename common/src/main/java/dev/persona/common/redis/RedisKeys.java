package dev.persona.common.redis;

/**
 * The layout of every Redis key in the suite: {@code persona:<tenant>:<kind>[:<id>]}. The tenant is
 * percent-encoded (":" and "%"), so no tenant's keys can collide with another's whatever its id contains.
 */
public final class RedisKeys {

    private static final String PREFIX = "persona:";

    private RedisKeys() {
    }

    /** The prefix of all keys of one tenant, ending with ":". */
    public static String tenantPrefix(String tenant) {
        return PREFIX + encode(tenant) + ":";
    }

    /** The change feed (a Redis Stream) of one tenant. */
    public static String feed(String tenant) {
        return tenantPrefix(tenant) + "feed";
    }

    /**
     * Where each replica that follows a tenant's change feed last read it (a Redis hash, one field per replica;
     * see {@code dev.persona.common.feed.FeedReaders}).
     */
    public static String feedReaders(String tenant) {
        return tenantPrefix(tenant) + "feed-readers";
    }

    /** Where a consumer of a tenant's change feed resumes after a restart. */
    public static String feedCursor(String tenant, String consumer) {
        return tenantPrefix(tenant) + consumer + "-feed-cursor";
    }

    /** A user's recent history (a Redis list, newest first). */
    public static String recent(String tenant, String userId) {
        return tenantPrefix(tenant) + "recent:" + userId;
    }

    /** A key of kind {@code kind} for one entity of a tenant. */
    public static String of(String tenant, String kind, String id) {
        return tenantPrefix(tenant) + kind + ":" + id;
    }

    /** The tenant whose encoded form is {@code encoded} (the inverse of the encoding in {@link #tenantPrefix}). */
    public static String decode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            if (encoded.startsWith("%3A", i)) {
                out.append(':');
                i += 2;
            } else if (encoded.startsWith("%25", i)) {
                out.append('%');
                i += 2;
            } else {
                out.append(encoded.charAt(i));
            }
        }
        return out.toString();
    }

    static String encode(String tenant) {
        StringBuilder out = new StringBuilder(tenant.length());
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case ':' -> out.append("%3A");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
