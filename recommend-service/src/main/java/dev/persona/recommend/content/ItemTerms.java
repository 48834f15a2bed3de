package dev.persona.recommend.content;

import dev.persona.recommend.catalog.ItemInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The terms of an item with their counts (term frequencies), in a fixed order: the category, the tags, then the
 * title words.
 * <ul>
 * <li>{@code "c:" + category}, count 1, when the category is not empty;</li>
 * <li>{@code "t:" + tag} for each distinct non-empty tag, count 1 (a tag listed twice counts once);</li>
 * <li>{@code "w:" + word} for each word of the title, counted as often as it occurs: the title is lower-cased
 * (root locale) and split on every character that is not a letter or a digit; words of one or two characters ("a",
 * "of", "3d") are dropped as stop words.</li>
 * </ul>
 * Category and tags are kept exactly as given, as the rest of the platform does (filters, affinities). The prefixes
 * keep the three kinds apart: the tag "space" and the title word "space" are different terms.
 */
final class ItemTerms {

    /** Words shorter than this many characters are stop words. */
    static final int MIN_WORD_LENGTH = 3;

    private ItemTerms() {
    }

    /** Term → count, in the order described above. */
    static Map<String, Integer> of(ItemInfo item) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        if (item.category() != null && !item.category().isEmpty()) {
            terms.put("c:" + item.category(), 1);
        }
        for (String tag : item.tags()) {
            if (tag != null && !tag.isEmpty()) {
                terms.put("t:" + tag, 1);
            }
        }
        if (item.title() != null) {
            String title = item.title().toLowerCase(Locale.ROOT);
            int start = -1;
            for (int at = 0; at <= title.length(); ) {
                int cp = at < title.length() ? title.codePointAt(at) : ' ';
                if (Character.isLetterOrDigit(cp)) {
                    if (start < 0) {
                        start = at;
                    }
                } else if (start >= 0) {
                    addWord(terms, title, start, at);
                    start = -1;
                }
                at += Character.charCount(cp);
            }
        }
        return terms;
    }

    private static void addWord(Map<String, Integer> terms, String title, int start, int end) {
        if (title.codePointCount(start, end) >= MIN_WORD_LENGTH) {
            terms.merge("w:" + title.substring(start, end), 1, Integer::sum);
        }
    }
}
