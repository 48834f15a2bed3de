package dev.persona.recommend.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.recommend.catalog.ItemInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemTermsTest {

    @Test
    void categoryTagsAndTitleWordsInThatOrder() {
        ItemInfo item = new ItemInfo("x", "The Thin Red Line: 3D of WAR! war", "War", List.of("war", "war", "", "Epic"),
                0, true);
        Map<String, Integer> terms = ItemTerms.of(item);
        // "3d" and "of" have two letters: stop words. "WAR" and "war" are one word, counted twice.
        assertEquals(List.of("c:War", "t:war", "t:Epic", "w:the", "w:thin", "w:red", "w:line", "w:war"),
                new ArrayList<>(terms.keySet()));
        assertEquals(2, terms.get("w:war"));
        assertEquals(1, terms.get("t:war"));
    }

    @Test
    void wordsSplitOnAnythingButLettersAndDigits() {
        ItemInfo item = new ItemInfo("x", "Été à Paris—2049/R2D2 (l'amour)", "", List.of(), 0, true);
        assertEquals(List.of("w:été", "w:paris", "w:2049", "w:r2d2", "w:amour"),
                new ArrayList<>(ItemTerms.of(item).keySet()));
    }

    @Test
    void anItemWithoutCategoryTagsOrTitleHasNoTerms() {
        assertEquals(Map.of(), ItemTerms.of(new ItemInfo("x", "", "", List.of(), 0, true)));
        assertEquals(Map.of(), ItemTerms.of(new ItemInfo("x", "Up", null, List.of(), 0, true)));
    }
}
