package dev.persona.recommend.knn;

import static dev.persona.recommend.knn.Events.cart;
import static dev.persona.recommend.knn.Events.click;
import static dev.persona.recommend.knn.Events.impression;
import static dev.persona.recommend.knn.Events.purchase;
import static dev.persona.recommend.knn.Events.rating;
import static dev.persona.recommend.knn.Events.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.core.similarity.Neighbor;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemKnnTest {

    private static Neighbor n(String id, double score) {
        return new Neighbor(id, score, 3);
    }

    private static ItemKnn knn(Map<String, List<Neighbor>> lists) {
        return new ItemKnn(NeighborSource.of(lists), EventWeights.DEFAULT, RatingScale.DEFAULT);
    }

    static void assertRanking(List<Scored> expected, List<Scored> actual) {
        assertEquals(expected.stream().map(Scored::itemId).toList(), actual.stream().map(Scored::itemId).toList());
        for (int r = 0; r < expected.size(); r++) {
            assertEquals(expected.get(r).score(), actual.get(r).score(), 1e-12, expected.get(r).itemId());
            assertEquals(expected.get(r).because(), actual.get(r).because(), expected.get(r).itemId());
        }
    }

    @Test
    void scoresSumTheHistoryWeightsTimesSimilarities() {
        ItemKnn knn = knn(Map.of(
                "A", List.of(n("X", 0.5), n("Y", 0.2)),
                "B", List.of(n("X", 0.4), n("Z", 0.9)),
                "C", List.of(n("W", 1.0))));
        // A weighs 5 (its purchase, the strongest of its events), B 2 (a click), C nothing (an impression)
        List<Scored> ranked = knn.rank(List.of(view("A"), purchase("A"), click("B"), impression("C")));
        assertRanking(List.of(
                new Scored("X", 5 * 0.5 + 2 * 0.4, List.of("A", "B")),
                new Scored("Z", 2 * 0.9, List.of("B")),
                new Scored("Y", 5 * 0.2, List.of("A"))), ranked);
    }

    @Test
    void becauseHoldsTheThreeLargestContributions() {
        ItemKnn knn = knn(Map.of(
                "H1", List.of(n("X", 0.9)),
                "H2", List.of(n("X", 0.3)),
                "H3", List.of(n("X", 0.1)),
                "H4", List.of(n("X", 0.4))));
        // contributions: H1 1·0.9, H2 2·0.3, H3 5·0.1, H4 3·0.4
        List<Scored> ranked = knn.rank(List.of(view("H1"), click("H2"), purchase("H3"), cart("H4")));
        assertRanking(List.of(new Scored("X", 0.9 + 0.6 + 0.5 + 1.2, List.of("H4", "H1", "H2"))), ranked);
    }

    @Test
    void aNegativeContributionLowersTheScoreButIsNoReason() {
        ItemKnn knn = knn(Map.of("H1", List.of(n("X", -0.5)), "H2", List.of(n("X", 0.2))));
        assertRanking(List.of(new Scored("X", -0.3, List.of("H2"))), knn.rank(List.of(view("H1"), view("H2"))));
    }

    @Test
    void ratingsWeighByValueAndSelfNeighboursAreIgnored() {
        ItemKnn knn = knn(Map.of("A", List.of(n("A", 1.0), n("X", 0.5))));
        assertRanking(List.of(new Scored("X", 4 * 0.5, List.of("A"))), knn.rank(List.of(rating("A", 4))));
    }

    @Test
    void tiesAreBrokenByIdForItemsAndForReasons() {
        ItemKnn knn = knn(Map.of(
                "Q", List.of(n("M", 0.5), n("L", 0.5), n("K", 0.5)),
                "P", List.of(n("M", 0.5))));
        assertRanking(List.of(
                new Scored("M", 1.0, List.of("P", "Q")),
                new Scored("K", 0.5, List.of("Q")),
                new Scored("L", 0.5, List.of("Q"))), knn.rank(List.of(view("Q"), view("P"))));
    }

    @Test
    void theRankingDoesNotDependOnTheOrderOfTheHistory() {
        Random random = new Random(11);
        Map<String, List<Neighbor>> lists = new HashMap<>();
        List<UserEvent> history = new ArrayList<>();
        for (int j = 0; j < 30; j++) {
            List<Neighbor> neighbors = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                neighbors.add(n("i" + random.nextInt(60), random.nextInt(10) / 10.0));
            }
            lists.put("h" + j, neighbors);
            history.add(random.nextBoolean() ? view("h" + j) : purchase("h" + j));
        }
        List<Scored> first = knn(lists).rank(history);
        Collections.shuffle(history, new Random(5));
        assertEquals(first, knn(lists).rank(history));
    }

    @Test
    void noHistoryNoCandidates() {
        assertTrue(knn(Map.of("A", List.of(n("X", 1)))).rank(List.of()).isEmpty());
    }

    // Sarwar with baselines on BaselinesTest.RATINGS (λ_i = 1, λ_u = 2): μ = 3, b_a = 1, b_b = −0.75, b_c = 0,
    // b_u1 = 7/16; so b(u1,c) = 3.4375, b(u1,a) = 4.4375, b(u1,b) = 2.6875.
    private static final Baselines BASELINES = Baselines.fit(BaselinesTest.RATINGS, 1, 2);
    // u1 first rated a 2, then changed it to 5: the later rating counts
    private static final List<UserEvent> U1 = List.of(rating("a", 2, 1), rating("b", 3, 1), rating("a", 5, 2));

    @Test
    void sarwarPredictionCorrectsEachRatingByItsBaseline() {
        ItemKnn knn = knn(Map.of("c", List.of(n("d", 0.9), n("a", 0.6), n("b", 0.2))));
        // k = 2: d is not rated by u1, so a and b count: (0.6·0.5625 + 0.2·0.3125) / 0.8 = 0.5
        assertEquals(3.9375, knn.predict("u1", U1, "c", BASELINES, 2).getAsDouble(), 1e-12);
        assertEquals(3.9375, knn.predict("u1", U1, "c", BASELINES, 30).getAsDouble(), 1e-12);
        // k = 1: only a: 3.4375 + 0.5625
        assertEquals(4.0, knn.predict("u1", U1, "c", BASELINES, 1).getAsDouble(), 1e-12);
    }

    @Test
    void sarwarDividesByAbsoluteSimilarities() {
        ItemKnn knn = knn(Map.of("c", List.of(n("a", 0.6), n("b", -0.2))));
        // (0.6·0.5625 − 0.2·0.3125) / (0.6 + 0.2) = 0.34375
        assertEquals(3.78125, knn.predict("u1", U1, "c", BASELINES, 5).getAsDouble(), 1e-12);
    }

    @Test
    void sarwarPredictionsAreClippedToTheScale() {
        NeighborSource lists = NeighborSource.of(Map.of("c", List.of(n("a", 0.6)), "e", List.of(n("a", -1))));
        ItemKnn narrowTop = new ItemKnn(lists, EventWeights.DEFAULT, new RatingScale(1, 3.5));
        assertEquals(3.5, narrowTop.predict("u1", U1, "c", BASELINES, 1).getAsDouble(), 1e-12);
        // e has no baseline bias: 3.4375 − 0.5625 = 2.875, below a scale starting at 3
        ItemKnn narrowBottom = new ItemKnn(lists, EventWeights.DEFAULT, new RatingScale(3, 5));
        assertEquals(3, narrowBottom.predict("u1", U1, "e", BASELINES, 1).getAsDouble(), 1e-12);
    }

    @Test
    void noRatedNeighbourMeansNoPredictionSoTheCallerFallsBackToTheBaseline() {
        ItemKnn knn = knn(Map.of("c", List.of(n("d", 0.9)), "z", List.of(n("a", 0.0))));
        assertEquals(OptionalDouble.empty(), knn.predict("u1", U1, "c", BASELINES, 10));
        assertEquals(OptionalDouble.empty(), knn.predict("u1", U1, "unknown", BASELINES, 10));
        assertEquals(OptionalDouble.empty(), knn.predict("u1", U1, "z", BASELINES, 10));
        assertEquals(OptionalDouble.empty(), knn.predict("u9", List.of(view("d")), "c", BASELINES, 10));
    }

    @Test
    void kMustBePositive() {
        ItemKnn knn = knn(Map.of());
        assertThrows(IllegalArgumentException.class, () -> knn.predict("u1", U1, "c", BASELINES, 0));
    }

    @Test
    void weightingRaisesSimilaritiesToAPowerAndGivesEveryHistoryItemTheSameSay() {
        Map<String, List<Neighbor>> lists = Map.of(
                "a", List.of(new Neighbor("x", 0.9, 1), new Neighbor("y", 0.3, 1)),
                "b", List.of(new Neighbor("z", 0.5, 1)));
        ItemKnn knn = new ItemKnn(NeighborSource.of(lists), EventWeights.DEFAULT, RatingScale.DEFAULT,
                new KnnWeighting(2, true));
        List<UserEvent> history = List.of(view("a"), view("b"));
        double w = EventWeights.DEFAULT.of(EventKind.VIEW, 0);
        Map<String, Double> scores = new java.util.HashMap<>();
        knn.rank(history).forEach(s -> scores.put(s.itemId(), s.score()));
        assertEquals(w * 0.81 / 0.90, scores.get("x"), 1e-12);
        assertEquals(w * 0.09 / 0.90, scores.get("y"), 1e-12);
        assertEquals(w, scores.get("z"), 1e-12, "b's single neighbour takes all of b's say");
    }
}
