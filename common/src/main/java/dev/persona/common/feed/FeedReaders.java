package dev.persona.common.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who has read how far in a tenant's change feed, and so which entries may go. Every replica that follows the
 * feed keeps one field in the hash {@code persona:<t>:feed-readers}: {@code <consumer>/<instance>} →
 * {@code <last handled entry id> <heartbeat millis>}, refreshed whenever it handles entries and on every discovery
 * pass. Besides, each consumer (service) keeps where it resumes after a restart in
 * {@code persona:<t>:<consumer>-feed-cursor}.
 *
 * <p>profile-service trims the feed up to {@link #trimPoint}: the entries every expected consumer has handled, in
 * every replica that is alive; a consumer none of whose replicas is alive counts with where it will resume. A
 * consumer that never read the feed holds everything back. So an erase notice, which names the erased user, leaves
 * Redis as soon as every service has applied it, and no replica misses one.
 */
public final class FeedReaders {

    private FeedReaders() {
    }

    /** The hash field of one replica of one consumer. */
    public static String field(String consumer, String instance) {
        return consumer + "/" + instance;
    }

    /** The hash value: the last handled entry id and the heartbeat. */
    public static String value(String entryId, long heartbeatMillis) {
        return entryId + " " + heartbeatMillis;
    }

    /**
     * The id of the newest entry every expected consumer has handled, or empty when nothing may go yet.
     *
     * @param readers  the readers hash (field → value, as written by {@link #field} and {@link #value})
     * @param resumeAt each consumer's saved resume point, where one exists
     * @param expected the consumers that must have handled an entry before it goes
     * @param aliveSince heartbeats older than this (millis) are of replicas taken as gone
     */
    public static Optional<String> trimPoint(Map<String, String> readers, Map<String, String> resumeAt,
            List<String> expected, long aliveSince) {
        Map<String, String> liveMin = new HashMap<>();
        for (Map.Entry<String, String> r : readers.entrySet()) {
            int slash = r.getKey().indexOf('/');
            Read read = Read.of(r.getValue());
            if (slash >= 0 && read != null && isId(read.id()) && read.heartbeat() >= aliveSince) {
                liveMin.merge(r.getKey().substring(0, slash), read.id(), FeedReaders::min);
            }
        }
        String point = null;
        for (String consumer : expected) {
            String bound = liveMin.get(consumer);
            if (bound == null) {
                bound = resumeAt.get(consumer);
            }
            if (bound == null || !isId(bound)) {
                return Optional.empty();
            }
            point = point == null ? bound : min(point, bound);
        }
        return point == null || compare(point, "0-0") <= 0 ? Optional.empty() : Optional.of(point);
    }

    /** Fields whose heartbeat is older than {@code aliveSince}: replicas gone, to be removed from the hash. */
    public static List<String> gone(Map<String, String> readers, long aliveSince) {
        return readers.entrySet().stream().filter(r -> {
            Read read = Read.of(r.getValue());
            return read == null || read.heartbeat() < aliveSince;
        }).map(Map.Entry::getKey).toList();
    }

    /** A hash value read back: the entry id (not yet checked) and the heartbeat; null when garbled. */
    private record Read(String id, long heartbeat) {
        static Read of(String value) {
            String[] parts = value.split(" ");
            if (parts.length != 2) {
                return null;
            }
            try {
                return new Read(parts[0], Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The smallest id greater than {@code id}: XTRIM's MINID keeps entries from there. */
    public static String after(String id) {
        int dash = id.indexOf('-');
        return id.substring(0, dash) + "-" + (Long.parseLong(id.substring(dash + 1)) + 1);
    }

    /** Orders stream entry ids ({@code millis-sequence}) numerically. */
    public static int compare(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int byMillis = Long.compare(Long.parseLong(a.substring(0, da)), Long.parseLong(b.substring(0, db)));
        return byMillis != 0 ? byMillis
                : Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
    }

    private static String min(String a, String b) {
        return compare(a, b) <= 0 ? a : b;
    }

    private static boolean isId(String s) {
        int dash = s.indexOf('-');
        if (dash <= 0 || dash == s.length() - 1) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (i != dash && !Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
