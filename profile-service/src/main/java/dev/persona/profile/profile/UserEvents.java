package dev.persona.profile.profile;

import java.util.Arrays;

/**
 * A user's events in columns, as read for a profile: the event type code (persona.v1 EventType number),
 * value, time in microseconds since the epoch, and the item's category and tags (empty when the item has none).
 */
public final class UserEvents {

    private static final String[] NO_TAGS = new String[0];

    private int size;
    private int[] types = new int[64];
    private double[] values = new double[64];
    private long[] times = new long[64];
    private String[] categories = new String[64];
    private String[][] tags = new String[64][];

    /** Appends one event. */
    public void add(int type, double value, long timeMicros, String category, String[] itemTags) {
        if (size == types.length) {
            int n = size * 2;
            types = Arrays.copyOf(types, n);
            values = Arrays.copyOf(values, n);
            times = Arrays.copyOf(times, n);
            categories = Arrays.copyOf(categories, n);
            tags = Arrays.copyOf(tags, n);
        }
        types[size] = type;
        values[size] = value;
        times[size] = timeMicros;
        categories[size] = category == null ? "" : category;
        tags[size] = itemTags == null ? NO_TAGS : itemTags;
        size++;
    }

    /** Sets the category and tags of event {@code i}'s item (known only after the events were read). */
    public void describeItem(int i, String category, String[] itemTags) {
        categories[i] = category == null ? "" : category;
        tags[i] = itemTags == null ? NO_TAGS : itemTags;
    }

    public int size() {
        return size;
    }

    int type(int i) {
        return types[i];
    }

    double value(int i) {
        return values[i];
    }

    long time(int i) {
        return times[i];
    }

    String category(int i) {
        return categories[i];
    }

    String[] tags(int i) {
        return tags[i];
    }
}
