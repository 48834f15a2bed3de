package dev.persona.recommend.filter;

import static dev.persona.recommend.knn.Events.impression;
import static dev.persona.recommend.knn.Events.purchase;
import static dev.persona.recommend.knn.Events.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.filter.CandidateFilter.Pick;
import dev.persona.recommend.ranking.Scored;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CandidateFilterTest {

    private static ItemInfo item(String id, String category, double price) {
        return new ItemInfo(id, id.toUpperCase(), category, List.of(), price, true);
    }

    static final Map<String, ItemInfo> ITEMS = Map.of(
            "a1", item("a1", "Sci-Fi", 10),
            "a2", item("a2", "Sci-Fi", 20),
            "a3", item("a3", "Sci-Fi", 30),
            "b1", item("b1", "Drama", 15),
            "b2", item("b2", "Drama", 0),
            "c1", item("c1", "Comedy", 40),
            "n1", item("n1", null, 12),
            "off", new ItemInfo("off", "Off", "Sci-Fi", List.of(), 5, false));
    static final Function<String, ItemInfo> CATALOGUE = ITEMS::get;
    private static final List<String> ALL = List.of("a1", "a2", "a3", "b1", "b2", "c1", "n1", "off", "unknown");

    private static FilterSpec spec(boolean includeSeen, Set<String> categories, Set<String> excludeCategories,
                                   Set<String> excludeIds, double minPrice, double maxPrice, int maxPerCategory) {
        return new FilterSpec(includeSeen, categories, excludeCategories, excludeIds, minPrice, maxPrice,
                maxPerCategory);
    }

    private static FilterSpec prices(double minPrice, double maxPrice) {
        return spec(false, Set.of(), Set.of(), Set.of(), minPrice, maxPrice, 0);
    }

    private static List<String> allowed(FilterSpec spec, Set<String> seen) {
        CandidateFilter filter = new CandidateFilter(spec, seen, CATALOGUE);
        return ALL.stream().filter(filter).toList();
    }

    private static List<Scored> ranked(String... ids) {
        return Stream.of(ids).map(id -> Scored.of(id, 1)).toList();
    }

    private static List<String> ids(List<Scored> scored) {
        return scored.stream().map(Scored::itemId).toList();
    }

    @Test
    void byDefaultSeenInactiveAndUnknownItemsDoNotPass() {
        assertEquals(List.of("a2", "a3", "b2", "c1", "n1"), allowed(FilterSpec.DEFAULT, Set.of("a1", "b1")));
    }

    @Test
    void includeSeenLetsSeenItemsPass() {
        FilterSpec spec = spec(true, Set.of(), Set.of(), Set.of(), 0, 0, 0);
        assertEquals(List.of("a1", "a2", "a3", "b1", "b2", "c1", "n1"), allowed(spec, Set.of("a1", "b1")));
    }

    @Test
    void seenItemsAreThoseWithAnEventOtherThanAnImpression() {
        assertEquals(Set.of("a1", "b1"),
                CandidateFilter.seenItems(List.of(view("a1"), purchase("b1"), impression("c1"))));
    }

    @Test
    void categoriesKeepOnlyTheirItems() {
        assertEquals(List.of("b1", "b2", "c1"),
                allowed(spec(false, Set.of("Drama", "Comedy"), Set.of(), Set.of(), 0, 0, 0), Set.of()));
    }

    @Test
    void excludedCategoriesDropTheirItems() {
        assertEquals(List.of("b1", "b2", "n1"),
                allowed(spec(false, Set.of(), Set.of("Sci-Fi", "Comedy"), Set.of(), 0, 0, 0), Set.of()));
    }

    @Test
    void excludedIdsDoNotPassEvenWhenSeenItemsMay() {
        FilterSpec spec = spec(true, Set.of(), Set.of(), Set.of("a1", "c1"), 0, 0, 0);
        assertEquals(List.of("a2", "a3", "b1", "b2", "n1"), allowed(spec, Set.of("a1")));
        assertEquals(List.of("a3", "b1", "b2", "n1"), allowed(spec.excluding("a2"), Set.of()));
    }

    @Test
    void aMinimumPriceAloneKeepsItemsAtOrAboveIt() {
        assertEquals(List.of("a2", "a3", "c1"), allowed(prices(20, 0), Set.of()));
    }

    @Test
    void aMaximumPriceAloneKeepsItemsAtOrBelowItButNotThoseOfUnknownPrice() {
        assertEquals(List.of("a1", "b1", "n1"), allowed(prices(0, 15), Set.of()));
    }

    @Test
    void bothPriceBoundsAreInclusive() {
        assertEquals(List.of("a2", "a3", "b1"), allowed(prices(15, 30), Set.of()));
    }

    @Test
    void selectKeepsRankOrderAndCapsEachCategoryGreedily() {
        FilterSpec spec = spec(false, Set.of(), Set.of(), Set.of(), 0, 0, 1);
        CandidateFilter filter = new CandidateFilter(spec, Set.of(), CATALOGUE);
        List<Scored> ranked = ranked("a1", "a2", "off", "b1", "a3", "c1", "b2", "n1");
        assertEquals(List.of("a1", "b1", "c1", "n1"), ids(filter.select(ranked, 10)));
        assertEquals(List.of("a1", "b1"), ids(filter.select(ranked, 2)));
        FilterSpec two = spec(false, Set.of(), Set.of(), Set.of(), 0, 0, 2);
        assertEquals(List.of("a1", "a2", "b1", "c1", "b2", "n1"),
                ids(new CandidateFilter(two, Set.of(), CATALOGUE).select(ranked, 10)));
    }

    @Test
    void selectSkipsRepeatedIdsAndKeepsScoresAndReasons() {
        CandidateFilter filter = new CandidateFilter(FilterSpec.DEFAULT, Set.of(), CATALOGUE);
        Scored first = new Scored("a1", 3, List.of("h"));
        assertEquals(List.of(first, Scored.of("b1", 2)),
                filter.select(List.of(first, Scored.of("a1", 2.5), Scored.of("b1", 2)), 5));
        assertEquals(List.of(), filter.select(List.of(first), 0));
    }

    @Test
    void fillTopsUpFromPopularUnderTheSameRulesAndMarksTheFilledItems() {
        FilterSpec spec = spec(false, Set.of(), Set.of(), Set.of(), 0, 0, 1);
        CandidateFilter filter = new CandidateFilter(spec, Set.of("c1"), CATALOGUE);
        Scored selected = new Scored("a1", 0.7, List.of("h"));
        // a1 already chosen, a2 over the Sci-Fi cap, c1 seen, off inactive
        List<Pick> picks = filter.fill(List.of(selected), ranked("a1", "a2", "c1", "off", "b1", "n1", "b2"), 3);
        assertEquals(List.of(new Pick(selected, false), new Pick(Scored.of("b1", 1), true),
                new Pick(Scored.of("n1", 1), true)), picks);
    }

    @Test
    void fillAddsNothingToAFullResult() {
        CandidateFilter filter = new CandidateFilter(FilterSpec.DEFAULT, Set.of(), CATALOGUE);
        assertEquals(List.of(new Pick(Scored.of("a1", 1), false), new Pick(Scored.of("a2", 1), false)),
                filter.fill(ranked("a1", "a2", "a3"), ranked("b1"), 2));
        assertEquals(List.of(new Pick(Scored.of("b1", 1), true)), filter.fill(List.of(), ranked("b1", "off"), 5));
    }

    @Test
    void rejectsInvalidFilters() {
        assertThrows(IllegalArgumentException.class, () -> spec(false, Set.of(), Set.of(), Set.of(), -1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> spec(false, Set.of(), Set.of(), Set.of(), Double.NaN, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> spec(false, Set.of(), Set.of(), Set.of(), 0, Double.POSITIVE_INFINITY, 0));
        assertThrows(IllegalArgumentException.class, () -> spec(false, Set.of(), Set.of(), Set.of(), 20, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> spec(false, Set.of(), Set.of(), Set.of(), 0, 0, -1));
        CandidateFilter filter = new CandidateFilter(FilterSpec.DEFAULT, Set.of(), CATALOGUE);
        assertThrows(IllegalArgumentException.class, () -> filter.select(List.of(), -1));
    }
}
