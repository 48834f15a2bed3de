package dev.persona.recommend.filter;

import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The sentence shown next to a recommendation, for example "Because you rated Star Wars and Alien".
 *
 * <p>Personalised items with reasons: "Because you &lt;verb&gt; A, B and C" (no Oxford comma), naming at most three of
 * the item's {@code because} items, in their order, by catalogue title. The verb is the strongest thing the user did
 * to any of those items, strongest first: bought (PURCHASE), rated (RATING), added … to your cart (ADD_TO_CART),
 * viewed (CLICK or VIEW); only the items the user did that to are named, so the sentence is never false (a user who
 * rated A and only viewed B reads "Because you rated A"). Reasons unknown to the catalogue or without a title are
 * skipped. When nothing can be named, a personalised item reads "Recommended for you", or "Customers like you also
 * liked this" when it came from similar users.
 *
 * <p>Non-personalised: "Popular in &lt;category&gt; this week" (trending), "Popular in &lt;category&gt;" (popular),
 * "Popular this week" and "Popular with customers" for an item without a category, and "Popular pick" for items
 * that topped a result up.
 */
public final class Explanations {

    /** What a recommendation rests on. */
    public enum Basis {
        /** A personalised strategy (item-based, content, factors, hybrid). */
        PERSONAL,
        /** The user-based strategy: customers with similar histories. */
        SIMILAR_USERS,
        /** Popularity with time decay. */
        TRENDING,
        /** All-time popularity. */
        POPULAR,
        /** A popular item that topped up a result the strategy and the filter left short. */
        POPULAR_PICK
    }

    private static final int MAX_NAMES = 3;

    /** The verbs, strongest first; each covers the event kinds it may truthfully describe. */
    private enum Verb {
        BOUGHT("bought ", "", EnumSet.of(EventKind.PURCHASE)),
        RATED("rated ", "", EnumSet.of(EventKind.RATING)),
        ADDED("added ", " to your cart", EnumSet.of(EventKind.ADD_TO_CART)),
        VIEWED("viewed ", "", EnumSet.of(EventKind.CLICK, EventKind.VIEW));

        final String before;
        final String after;
        final Set<EventKind> kinds;

        Verb(String before, String after, Set<EventKind> kinds) {
            this.before = before;
            this.after = after;
            this.kinds = kinds;
        }

        boolean describesAny(String itemId, List<UserEvent> history) {
            for (UserEvent event : history) {
                if (event.itemId().equals(itemId) && kinds.contains(event.kind())) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Function<String, ItemInfo> catalogue;

    /** @param catalogue item id → item, or null when unknown */
    public Explanations(Function<String, ItemInfo> catalogue) {
        this.catalogue = catalogue;
    }

    /** The sentence for a pick of a result: "Popular pick" when it was filled, else as for its item. */
    public String text(Basis basis, CandidateFilter.Pick pick, List<UserEvent> history) {
        return pick.filled() ? text(Basis.POPULAR_PICK, pick.item(), history) : text(basis, pick.item(), history);
    }

    /**
     * The sentence for {@code item}.
     *
     * @param history the user's events, for the verb; may be empty for non-personalised bases
     */
    public String text(Basis basis, Scored item, List<UserEvent> history) {
        return switch (basis) {
            case PERSONAL -> because(item.because(), history, "Recommended for you");
            case SIMILAR_USERS -> because(item.because(), history, "Customers like you also liked this");
            case TRENDING -> category(item.itemId()).map(c -> "Popular in " + c + " this week")
                    .orElse("Popular this week");
            case POPULAR -> category(item.itemId()).map(c -> "Popular in " + c).orElse("Popular with customers");
            case POPULAR_PICK -> "Popular pick";
        };
    }

    private String because(List<String> reasons, List<UserEvent> history, String otherwise) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (String id : reasons) {
            title(id).ifPresent(title -> titles.put(id, title));
        }
        for (Verb verb : Verb.values()) {
            List<String> names = new ArrayList<>();
            titles.forEach((id, title) -> {
                if (names.size() < MAX_NAMES && verb.describesAny(id, history)) {
                    names.add(title);
                }
            });
            if (!names.isEmpty()) {
                return "Because you " + verb.before + join(names) + verb.after;
            }
        }
        return otherwise;
    }

    /** "A", "A and B", "A, B and C". */
    private static String join(List<String> names) {
        int last = names.size() - 1;
        return last == 0 ? names.get(0) : String.join(", ", names.subList(0, last)) + " and " + names.get(last);
    }

    private Optional<String> title(String itemId) {
        return field(itemId, ItemInfo::title);
    }

    private Optional<String> category(String itemId) {
        return field(itemId, ItemInfo::category);
    }

    /** A non-blank field of a catalogue item; empty when the item is unknown or the field blank. */
    private Optional<String> field(String itemId, Function<ItemInfo, String> field) {
        return Optional.ofNullable(catalogue.apply(itemId)).map(field).filter(value -> !value.isBlank());
    }
}
