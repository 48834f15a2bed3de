package dev.persona.cli.bench;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** A catalogue with categories, tags and prices, and one user's mixed history over it, for the profile bench. */
final class ProfileBenchData {

    static final String USER_ID = "bench-user";
    static final int ITEMS = 100;
    private static final String[] CATEGORIES = {"books", "music", "films", "games", "garden", "kitchen", "sports",
        "toys"};
    private static final String[] TAGS = {"new", "sale", "gift", "eco", "premium", "kids", "classic", "bestseller",
        "local", "handmade", "limited", "bundle"};
    /** Event types and their relative frequency in the history. */
    private static final EventType[] TYPES = {EventType.EVENT_TYPE_VIEW, EventType.EVENT_TYPE_CLICK,
        EventType.EVENT_TYPE_ADD_TO_CART, EventType.EVENT_TYPE_PURCHASE, EventType.EVENT_TYPE_RATING,
        EventType.EVENT_TYPE_IMPRESSION};
    private static final int[] TYPE_PERCENT = {40, 20, 10, 10, 15, 5};
    private static final long HISTORY_SECONDS = 365L * 24 * 3600;
    /** Keeps every event clearly in the past for the service, whose clock may differ slightly from ours. */
    private static final long SAFETY_SECONDS = 60;

    private final List<Item> items = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    ProfileBenchData(int eventCount, long seed, Instant now) {
        Random random = new Random(seed);
        for (int i = 0; i < ITEMS; i++) {
            Set<String> tags = new LinkedHashSet<>();
            int tagCount = 1 + random.nextInt(3);
            while (tags.size() < tagCount) {
                tags.add(TAGS[random.nextInt(TAGS.length)]);
            }
            items.add(Item.newBuilder()
                    .setItemId("bench-item-" + i)
                    .setTitle("Bench item " + i)
                    .setCategory(CATEGORIES[random.nextInt(CATEGORIES.length)])
                    .addAllTags(tags)
                    .setPrice(Math.round((5 + random.nextDouble() * 195) * 100) / 100.0)
                    .setActive(true)
                    .build());
        }
        long newest = now.getEpochSecond() - SAFETY_SECONDS;
        for (int e = 0; e < eventCount; e++) {
            Item item = items.get(random.nextInt(ITEMS));
            EventType type = type(random.nextInt(100));
            double value = switch (type) {
                case EVENT_TYPE_PURCHASE -> item.getPrice();
                case EVENT_TYPE_RATING -> 1 + random.nextInt(5);
                default -> 0;
            };
            events.add(Event.newBuilder()
                    .setEventId("bench-event-" + e)
                    .setUserId(USER_ID)
                    .setItemId(item.getItemId())
                    .setType(type)
                    .setValue(value)
                    .setOccurredAt(Timestamps.fromSeconds(newest - (long) (random.nextDouble() * HISTORY_SECONDS)))
                    .build());
        }
    }

    List<Item> items() {
        return items;
    }

    List<Event> events() {
        return events;
    }

    private static EventType type(int percentile) {
        int bound = 0;
        for (int t = 0; t < TYPES.length; t++) {
            bound += TYPE_PERCENT[t];
            if (percentile < bound) {
                return TYPES[t];
            }
        }
        return TYPES[TYPES.length - 1];
    }
}
