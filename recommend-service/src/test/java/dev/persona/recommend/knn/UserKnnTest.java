package dev.persona.recommend.knn;

import static dev.persona.recommend.knn.Events.cart;
import static dev.persona.recommend.knn.Events.click;
import static dev.persona.recommend.knn.Events.purchase;
import static dev.persona.recommend.knn.Events.rating;
import static dev.persona.recommend.knn.Events.view;
import static dev.persona.recommend.knn.ItemKnnTest.assertRanking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.core.similarity.Neighbor;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class UserKnnTest {

    private static Neighbor n(String id, double score) {
        return new Neighbor(id, score, 4);
    }

    private static UserKnn knn(Map<String, List<Neighbor>> lists, Map<String, List<UserEvent>> histories,
                               RatingScale scale) {
        return new UserKnn(NeighborSource.of(lists), HistorySource.of(histories), EventWeights.DEFAULT, scale);
    }

    private static final UserKnn RANKING = knn(
            Map.of("u", List.of(n("v1", 0.8), n("v2", 0.5))),
            Map.of("v1", List.of(view("a"), purchase("x"), click("y")),
                   "v2", List.of(view("b"), view("x"), cart("z"))),
            RatingScale.DEFAULT);

    @Test
    void scoresSumNeighbourSimilaritiesTimesTheirWeights() {
        List<Scored> ranked = RANKING.rank("u", List.of(purchase("a"), view("b")));
        // x: v1 0.8·5 + v2 0.5·1; v1 shares a with u (credited 4.0), v2 shares b (credited 0.5)
        assertRanking(List.of(
                new Scored("x", 4.5, List.of("a", "b")),
                new Scored("y", 0.8 * 2, List.of("a")),
                new Scored("z", 0.5 * 3, List.of("b")),
                new Scored("a", 0.8, List.of()),
                new Scored("b", 0.5, List.of())), ranked);
    }

    @Test
    void withoutSharedItemsThereIsNoReason() {
        List<Scored> ranked = RANKING.rank("u", List.of(view("q")));
        assertEquals(List.of("x", "y", "z", "a", "b"), ranked.stream().map(Scored::itemId).toList());
        assertTrue(ranked.stream().allMatch(s -> s.because().isEmpty()));
    }

    @Test
    void aUserWithoutNeighboursGetsNothing() {
        assertTrue(RANKING.rank("stranger", List.of(view("a"))).isEmpty());
    }

    @Test
    void tiesAreBrokenById() {
        UserKnn knn = knn(Map.of("u", List.of(n("v", 1.0))), Map.of("v", List.of(view("c"), view("b"), view("a"))),
                RatingScale.DEFAULT);
        assertEquals(List.of("a", "b", "c"), knn.rank("u", List.of()).stream().map(Scored::itemId).toList());
    }

    // u rated a 4 and b 2 (r̄ = 3). v1: r̄ 4, rated x 5 (+1); v2 did not rate x; v3: r̄ 3, x 2 (−1);
    // v4: r̄ 3, x 4 (+1).
    private static final Map<String, List<UserEvent>> RATERS = Map.of(
            "v1", List.of(rating("x", 5), rating("a", 3)),
            "v2", List.of(rating("a", 2), rating("b", 2)),
            "v3", List.of(rating("x", 2), rating("c", 4), view("x")),
            "v4", List.of(rating("x", 4), rating("y", 2)));
    private static final Map<String, List<Neighbor>> RATER_LISTS =
            Map.of("u", List.of(n("v1", 0.9), n("v2", 0.5), n("v3", 0.3), n("v4", 0.1)));

    @Test
    void resnickOverTheKMostSimilarUsersWhoRatedTheItem() {
        UserKnn knn = knn(RATER_LISTS, RATERS, RatingScale.DEFAULT);
        List<UserEvent> u = List.of(rating("a", 4), rating("b", 2), view("x"));
        // k = 2: v1 and v3 (v2 did not rate x): 3 + (0.9·1 + 0.3·(−1)) / 1.2
        assertEquals(3.5, knn.predict("u", u, "x", 2).getAsDouble(), 1e-12);
        // k = 3 adds v4: 3 + (0.9 − 0.3 + 0.1) / 1.3
        assertEquals(3 + 0.7 / 1.3, knn.predict("u", u, "x", 3).getAsDouble(), 1e-12);
        assertEquals(3 + 0.7 / 1.3, knn.predict("u", u, "x", 50).getAsDouble(), 1e-12);
    }

    @Test
    void resnickIsClippedToTheScale() {
        UserKnn knn = knn(RATER_LISTS, RATERS, RatingScale.DEFAULT);
        // 4.75 + 1 (v1 alone) = 5.75 → 5
        assertEquals(5, knn.predict("u", List.of(rating("a", 5), rating("b", 4.5)), "x", 1).getAsDouble(), 1e-12);
        // 0.75 − 1 (v3 alone, once v1 is out of the list) → 0.5
        UserKnn withoutV1 = knn(Map.of("u", List.of(n("v3", 0.3))), RATERS, RatingScale.DEFAULT);
        assertEquals(0.5, withoutV1.predict("u", List.of(rating("a", 1), rating("b", 0.5)), "x", 1).getAsDouble(),
                1e-12);
    }

    @Test
    void noPredictionWithoutOwnRatingsOrWithoutANeighbourWhoRatedTheItem() {
        UserKnn knn = knn(RATER_LISTS, RATERS, RatingScale.DEFAULT);
        List<UserEvent> u = List.of(rating("a", 4));
        assertEquals(OptionalDouble.empty(), knn.predict("u", List.of(view("a"), purchase("b")), "x", 5));
        assertEquals(OptionalDouble.empty(), knn.predict("u", u, "never-rated", 5));
        assertEquals(OptionalDouble.empty(), knn.predict("stranger", u, "x", 5));
    }

    @Test
    void manyNeighboursWithManyItemsSumExactlyAsAPlainMapWould() {
        java.util.Random random = new java.util.Random(3);
        List<Neighbor> list = new java.util.ArrayList<>();
        Map<String, List<UserEvent>> histories = new java.util.HashMap<>();
        Map<String, Double> expected = new java.util.HashMap<>();
        for (int v = 0; v < 50; v++) {
            double similarity = 0.1 + random.nextInt(90) / 100.0;
            list.add(n("v" + v, similarity));
            List<UserEvent> events = new java.util.ArrayList<>();
            java.util.Set<String> items = new java.util.TreeSet<>();
            for (int e = 0; e < 60; e++) {
                // new String: equal ids that are not the same instance, as in histories read apart
                items.add(new String("i" + random.nextInt(2_000)));
            }
            for (String item : items) {
                events.add(view(item));
                expected.merge(item, similarity * EventWeights.DEFAULT.of(EventKind.VIEW, 0),
                        Double::sum);
            }
            histories.put("v" + v, events);
        }
        UserKnn knn = knn(Map.of("u", list), histories, RatingScale.DEFAULT);
        Map<String, Double> got = new java.util.HashMap<>();
        for (Scored s : knn.rank("u", List.of(view("i0")))) {
            got.put(s.itemId(), s.score());
        }
        assertEquals(expected, got);
    }
}
