package dev.persona.recommend.filter;

import static dev.persona.recommend.knn.Events.cart;
import static dev.persona.recommend.knn.Events.click;
import static dev.persona.recommend.knn.Events.impression;
import static dev.persona.recommend.knn.Events.purchase;
import static dev.persona.recommend.knn.Events.rating;
import static dev.persona.recommend.knn.Events.view;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.filter.CandidateFilter.Pick;
import dev.persona.recommend.filter.Explanations.Basis;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExplanationsTest {

    private static ItemInfo item(String id, String title, String category) {
        return new ItemInfo(id, title, category, List.of(), 10, true);
    }

    private static final Map<String, ItemInfo> ITEMS = Map.of(
            "sw", item("sw", "Star Wars", "Sci-Fi"),
            "al", item("al", "Alien", "Sci-Fi"),
            "ht", item("ht", "Heat", "Crime"),
            "rn", item("rn", "Ronin", "Crime"),
            "blank", item("blank", " ", "Crime"),
            "plain", item("plain", "Plain", ""),
            "rec", item("rec", "Recommended", "Sci-Fi"));
    private static final Explanations EXPLANATIONS = new Explanations(ITEMS::get);

    private static Scored because(String... reasons) {
        return new Scored("rec", 1, List.of(reasons));
    }

    static Stream<Arguments> sentences() {
        return Stream.of(
                Arguments.of(List.of(rating("sw", 5), rating("al", 4)), because("sw", "al"),
                        "Because you rated Star Wars and Alien"),
                Arguments.of(List.of(purchase("ht")), because("ht"), "Because you bought Heat"),
                Arguments.of(List.of(view("ht"), view("rn"), click("al")), because("ht", "rn", "al"),
                        "Because you viewed Heat, Ronin and Alien"),
                Arguments.of(List.of(cart("ht"), cart("rn")), because("ht", "rn"),
                        "Because you added Heat and Ronin to your cart"),
                Arguments.of(List.of(click("sw")), because("sw"), "Because you viewed Star Wars"),
                // the strongest verb wins and only the items it is true of are named
                Arguments.of(List.of(rating("sw", 5), view("al"), view("sw")), because("sw", "al"),
                        "Because you rated Star Wars"),
                Arguments.of(List.of(rating("sw", 5), purchase("ht"), view("ht")), because("sw", "ht"),
                        "Because you bought Heat"),
                // at most three names
                Arguments.of(List.of(view("sw"), view("al"), view("ht"), view("rn")), because("sw", "al", "ht", "rn"),
                        "Because you viewed Star Wars, Alien and Heat"),
                // items unknown to the catalogue or without a title are skipped
                Arguments.of(List.of(view("gone"), view("blank"), view("al")), because("gone", "blank", "al"),
                        "Because you viewed Alien"));
    }

    @ParameterizedTest
    @MethodSource("sentences")
    void personalSentencesNameTheReasonsWithTheStrongestVerb(List<UserEvent> history, Scored item, String text) {
        assertEquals(text, EXPLANATIONS.text(Basis.PERSONAL, item, history));
        assertEquals(text, EXPLANATIONS.text(Basis.SIMILAR_USERS, item, history));
    }

    @Test
    void withoutANameablePersonalReasonTheSentenceIsGeneric() {
        assertEquals("Recommended for you", EXPLANATIONS.text(Basis.PERSONAL, because(), List.of()));
        assertEquals("Customers like you also liked this",
                EXPLANATIONS.text(Basis.SIMILAR_USERS, because(), List.of(view("sw"))));
        assertEquals("Customers like you also liked this",
                EXPLANATIONS.text(Basis.SIMILAR_USERS, because("gone"), List.of(view("gone"))));
        assertEquals("Recommended for you",
                EXPLANATIONS.text(Basis.PERSONAL, because("sw"), List.of(impression("sw"))));
    }

    @Test
    void nonPersonalSentencesNameTheItemsCategory() {
        assertEquals("Popular in Sci-Fi this week", EXPLANATIONS.text(Basis.TRENDING, Scored.of("sw", 9), List.of()));
        assertEquals("Popular in Crime", EXPLANATIONS.text(Basis.POPULAR, Scored.of("ht", 9), List.of()));
        assertEquals("Popular this week", EXPLANATIONS.text(Basis.TRENDING, Scored.of("plain", 9), List.of()));
        assertEquals("Popular with customers", EXPLANATIONS.text(Basis.POPULAR, Scored.of("gone", 9), List.of()));
        assertEquals("Popular pick", EXPLANATIONS.text(Basis.POPULAR_PICK, Scored.of("sw", 9), List.of()));
    }

    @Test
    void filledPicksArePopularPicks() {
        List<UserEvent> history = List.of(rating("sw", 5));
        assertEquals("Popular pick", EXPLANATIONS.text(Basis.PERSONAL, new Pick(because("sw"), true), history));
        assertEquals("Because you rated Star Wars",
                EXPLANATIONS.text(Basis.PERSONAL, new Pick(because("sw"), false), history));
    }
}
