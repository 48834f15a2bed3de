package dev.persona.recommend.content;

import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random catalogues and histories over a small vocabulary, so that items share many terms. */
final class RandomCatalogue {

    private static final String[] CATEGORIES = {"Books", "Films", "Music", "Games", "Sci-Fi"};
    private static final String[] TAGS = {"space", "war", "love", "heist", "comedy", "drama", "kids", "noir"};
    private static final String[] WORDS = {"star", "night", "red", "city", "the", "of", "lost", "king", "moon",
        "river", "heat", "iron"};

    private RandomCatalogue() {
    }

    /** {@code count} items "i0000"…, about one in ten inactive, some without category or title. */
    static List<ItemInfo> items(long seed, int count) {
        Random random = new Random(seed);
        List<ItemInfo> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder title = new StringBuilder();
            for (int w = random.nextInt(4); w > 0; w--) {
                title.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            List<String> tags = new ArrayList<>();
            for (int t = random.nextInt(3); t > 0; t--) {
                tags.add(TAGS[random.nextInt(TAGS.length)]);
            }
            String category = random.nextInt(5) == 0 ? "" : CATEGORIES[random.nextInt(CATEGORIES.length)];
            items.add(new ItemInfo(String.format("i%04d", i), title.toString(), category, tags, 0,
                    random.nextInt(10) != 0));
        }
        return items;
    }

    /** {@code count} events of every kind on random items, within {@code span} milliseconds before {@code now}. */
    static List<UserEvent> history(Random random, List<ItemInfo> catalogue, int count, long now, long span) {
        EventKind[] kinds = EventKind.values();
        List<UserEvent> history = new ArrayList<>(count);
        for (int e = 0; e < count; e++) {
            EventKind kind = kinds[random.nextInt(kinds.length)];
            double value = kind == EventKind.RATING ? 1 + random.nextInt(5) : 0;
            String item = catalogue.get(random.nextInt(catalogue.size())).id();
            history.add(new UserEvent(item, kind, value, now - random.nextLong(span)));
        }
        return history;
    }
}
