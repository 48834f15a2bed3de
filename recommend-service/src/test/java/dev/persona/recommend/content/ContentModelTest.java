package dev.persona.recommend.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.recommend.catalog.ItemInfo;
import dev.persona.recommend.history.EventKind;
import dev.persona.recommend.history.EventWeights;
import dev.persona.recommend.history.UserEvent;
import dev.persona.recommend.ranking.Scored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ContentModelTest {

    private static final long H = 1_000;
    private static final long NOW = 1_000_000;
    /** Float weights: about 7 significant digits. */
    private static final double EPS = 1e-6;

    private static final ItemInfo A = item("A", "Star Wars", "Sci-Fi", "space", "war");
    private static final ItemInfo B = item("B", "Star Trek", "Sci-Fi", "space");
    private static final ItemInfo C = item("C", "Heat", "Crime", "heist");
    private static final ItemInfo D = item("D", "The Thin Red Line", "War", "war");

    private static ItemInfo item(String id, String title, String category, String... tags) {
        return new ItemInfo(id, title, category, List.of(tags), 0, true);
    }

    private static UserEvent event(String item, EventKind kind, long at) {
        return new UserEvent(item, kind, 0, at);
    }

    private static List<String> ids(List<Scored> scored) {
        return scored.stream().map(Scored::itemId).toList();
    }

    private static boolean nearlyEqual(double x, double y) {
        return x != y && Math.abs(x - y) < 1e-9;
    }

    private static ContentModel model(ItemInfo... items) {
        return ContentModel.build(List.of(items), EventWeights.DEFAULT, H);
    }

    @Test
    void tfIdfWeightsAndCosinesOfASmallCatalogue() {
        ContentModel model = model(A, B, C, D);
        // N = 4. df = 2 for c:Sci-Fi, t:space, t:war, w:star; df = 1 for every other term.
        double idf2 = Math.log(5.0 / 3) + 1; // ln((1 + 4) / (1 + 2)) + 1
        double idf1 = Math.log(5.0 / 2) + 1; // ln((1 + 4) / (1 + 1)) + 1
        assertEquals(1.5108256237659907, idf2, 1e-15);
        assertEquals(1.916290731874155, idf1, 1e-15);
        assertEquals(idf2, model.idf("t:space"), 1e-12);
        assertEquals(idf1, model.idf("c:War"), 1e-12);
        assertEquals(0, model.idf("t:western"));

        // A = (c:Sci-Fi, t:space, t:war, w:star) at idf2 and w:wars at idf1, over ‖A‖ = √(4·idf2² + idf1²).
        double normA = Math.sqrt(4 * idf2 * idf2 + idf1 * idf1);
        assertEquals(3.578064, normA, 1e-6);
        Map<String, Double> a = model.vector("A");
        assertEquals(List.of("c:Sci-Fi", "t:space", "t:war", "w:star", "w:wars"), new ArrayList<>(a.keySet()));
        assertEquals(idf2 / normA, a.get("t:war"), EPS);
        assertEquals(0.422247, a.get("w:star"), 1e-6);
        assertEquals(idf1 / normA, a.get("w:wars"), EPS);
        assertEquals(0.535566, a.get("w:wars"), 1e-6);
        // C has three terms of df 1: each 1/√3.
        for (double w : model.vector("C").values()) {
            assertEquals(1 / Math.sqrt(3), w, EPS);
        }

        // B = (c:Sci-Fi, t:space, w:star) at idf2 and w:trek at idf1; D = t:war at idf2 and 5 terms at idf1.
        double normB = Math.sqrt(3 * idf2 * idf2 + idf1 * idf1);
        double normD = Math.sqrt(idf2 * idf2 + 5 * idf1 * idf1);
        double cosAB = 3 * idf2 * idf2 / (normA * normB); // c:Sci-Fi, t:space, w:star shared
        double cosAD = idf2 * idf2 / (normA * normD); // t:war shared
        assertEquals(0.590058, cosAB, 1e-6);
        assertEquals(0.140407, cosAD, 1e-6);
        assertEquals(cosAB, model.similarity("A", "B"), EPS);
        assertEquals(cosAD, model.similarity("A", "D"), EPS);
        assertEquals(0, model.similarity("A", "C"));
        assertEquals(1, model.similarity("C", "C"), EPS);

        List<Scored> similar = model.similarTo("A", 10, id -> true);
        assertEquals(List.of("B", "D"), ids(similar));
        assertEquals(cosAB, similar.get(0).score(), EPS);
        assertEquals(cosAD, similar.get(1).score(), EPS);
        assertEquals(List.of(), similar.get(0).because());
    }

    @Test
    void aProfileOfOneItemScoresByCosineToIt() {
        ContentModel model = model(A, B, C, D);
        List<Scored> out = model.recommend(List.of(event("A", EventKind.VIEW, NOW)), NOW, 10, id -> !id.equals("A"));
        assertEquals(List.of("B", "D"), ids(out));
        assertEquals(model.similarity("A", "B"), out.get(0).score(), EPS);
        assertEquals(List.of("A"), out.get(0).because());
        assertEquals(List.of("A"), out.get(1).because());
    }

    @Test
    void olderEventsWeighLessByHalfEveryHalfLife() {
        ContentModel model = model(A, B, C, D);
        // a_A = view 1 · 2^0 = 1; a_C = click 2 · 2^(−1) = 1; A ⟂ C, so ‖u‖ = √(1² + 1²) = √2.
        List<UserEvent> history = List.of(event("A", EventKind.VIEW, NOW), event("C", EventKind.CLICK, NOW - H));
        List<Scored> out = model.recommend(history, NOW, 10, id -> true);
        // A and C at 1/√2 (equal but for the rounding of float weights), then B and D at cos(A, ·)/√2.
        assertEquals(List.of("A", "C", "B", "D"), ids(out));
        assertEquals(1 / Math.sqrt(2), out.get(0).score(), EPS);
        assertEquals(1 / Math.sqrt(2), out.get(1).score(), EPS);
        assertEquals(model.similarity("A", "B") / Math.sqrt(2), out.get(2).score(), EPS);
        assertEquals(model.similarity("A", "D") / Math.sqrt(2), out.get(3).score(), EPS);
        assertEquals(List.of("C"), out.get(1).because());

        // Two half-lives back, the click weighs 2 · ¼ = ½: ‖u‖ = √(1 + ¼), and C (½ / ‖u‖ ≈ 0.447) falls behind
        // B (cos(A, B) / ‖u‖ ≈ 0.528).
        List<UserEvent> older = List.of(event("A", EventKind.VIEW, NOW), event("C", EventKind.CLICK, NOW - 2 * H));
        List<Scored> shifted = model.recommend(older, NOW, 10, id -> true);
        assertEquals(List.of("A", "B", "C", "D"), ids(shifted));
        double norm = Math.sqrt(1 + 0.25);
        assertEquals(1 / norm, shifted.get(0).score(), EPS);
        assertEquals(model.similarity("A", "B") / norm, shifted.get(1).score(), EPS);
        assertEquals(0.5 / norm, shifted.get(2).score(), EPS);
        assertEquals(model.similarity("A", "D") / norm, shifted.get(3).score(), EPS);
    }

    @Test
    void becauseNamesTheThreeLargestContributorsMostFirst() {
        ItemInfo h = item("H", "Star Heat Line", "Sci-Fi", "war", "heist");
        ContentModel model = model(A, B, C, D, h);
        // Impressions weigh nothing; events on unknown items are skipped.
        List<UserEvent> history = List.of(
                event("A", EventKind.VIEW, NOW),
                event("B", EventKind.PURCHASE, NOW),
                event("C", EventKind.CLICK, NOW),
                event("D", EventKind.ADD_TO_CART, NOW),
                event("D", EventKind.IMPRESSION, NOW),
                event("nope", EventKind.PURCHASE, NOW));
        String[] items = {"A", "B", "C", "D"};
        double[] weight = {1, 5, 2, 3};
        // ‖u‖² = Σ_j Σ_k a_j a_k cos(j, k); contribution_j = a_j cos(j, H) / ‖u‖.
        double squares = 0;
        for (int j = 0; j < 4; j++) {
            for (int k = 0; k < 4; k++) {
                squares += weight[j] * weight[k] * model.similarity(items[j], items[k]);
            }
        }
        double norm = Math.sqrt(squares);
        Map<String, Double> contribution = new HashMap<>();
        double score = 0;
        for (int j = 0; j < 4; j++) {
            double c = weight[j] * model.similarity(items[j], "H") / norm;
            assertTrue(c > 0, items[j]);
            contribution.put(items[j], c);
            score += c;
        }
        List<String> byContribution = new ArrayList<>(contribution.keySet());
        byContribution.sort((x, y) -> Double.compare(contribution.get(y), contribution.get(x)));

        List<Scored> out = model.recommend(history, NOW, 10, id -> id.equals("H"));
        assertEquals(List.of("H"), ids(out));
        assertEquals(score, out.get(0).score(), EPS);
        assertEquals(byContribution.subList(0, 3), out.get(0).because());
        assertEquals(List.of("B", "C", "D"), out.get(0).because());
    }

    @Test
    void anItemNobodyTouchedIsRecommendedWhenItsTermsMatch() {
        ItemInfo fresh = item("E", "Heat Wave", "Crime", "heist");
        ContentModel model = model(A, B, C, D, fresh);
        List<Scored> out = model.recommend(List.of(event("C", EventKind.PURCHASE, NOW)), NOW, 3,
                id -> !id.equals("C"));
        assertEquals(List.of("E"), ids(out));
        assertEquals(List.of("C"), out.get(0).because());
        assertEquals(model.similarity("C", "E"), out.get(0).score(), EPS);
    }

    @Test
    void tiesGoToTheSmallerIdAndInactiveItemsNeverCome() {
        ItemInfo x0 = item("X0", "Same Title", "Cat", "tag");
        ItemInfo x2 = item("X2", "Same Title", "Cat", "tag");
        ItemInfo x1 = item("X1", "Same Title", "Cat", "tag");
        ItemInfo x3 = new ItemInfo("X3", "Same Title", "Cat", List.of("tag"), 0, false);
        ContentModel model = model(x2, x3, x0, x1);
        List<Scored> out = model.similarTo("X0", 10, id -> true);
        assertEquals(List.of("X1", "X2"), ids(out));
        assertEquals(out.get(0).score(), out.get(1).score());
        assertEquals(1, out.get(0).score(), EPS);
        // The inactive item still has a vector and may be in a history.
        assertEquals(List.of("X0", "X1"), ids(model.recommend(List.of(event("X3", EventKind.VIEW, NOW)), NOW, 2,
                id -> true)));
        assertEquals(List.of(), model.similarTo("unknown", 10, id -> true));
        assertEquals(List.of(), model.similarTo("X0", 0, id -> true));
    }

    @Test
    void aHistoryWithoutUsableEventsGivesNothing() {
        ContentModel model = model(A, B, C, D, item("Q", "", "", new String[0]));
        assertEquals(List.of(), model.recommend(List.of(), NOW, 10, id -> true));
        assertEquals(List.of(), model.recommend(List.of(event("A", EventKind.IMPRESSION, NOW)), NOW, 10, id -> true));
        assertEquals(List.of(), model.recommend(List.of(event("Q", EventKind.PURCHASE, NOW)), NOW, 10, id -> true));
        assertEquals(List.of(), model.similarTo("Q", 10, id -> true));
    }

    @Test
    void rejectsDuplicateIds() {
        assertThrows(IllegalArgumentException.class, () -> model(A, item("A", "Other", "Other")));
    }

    @Test
    void theSameInputGivesTheSameOutputWhateverTheCatalogueOrder() {
        List<ItemInfo> catalogue = RandomCatalogue.items(3, 400);
        List<ItemInfo> shuffled = new ArrayList<>(catalogue);
        Collections.shuffle(shuffled, new Random(9));
        ContentModel one = ContentModel.build(catalogue, EventWeights.DEFAULT, H);
        ContentModel two = ContentModel.build(shuffled, EventWeights.DEFAULT, H);
        List<UserEvent> history = RandomCatalogue.history(new Random(4), catalogue, 30, NOW, 5 * H);
        Predicate<String> allowed = id -> id.hashCode() % 3 != 0;
        assertEquals(one.recommend(history, NOW, 50, allowed), two.recommend(history, NOW, 50, allowed));
        assertEquals(one.recommend(history, NOW, 50, allowed), one.recommend(history, NOW, 50, allowed));
        assertEquals(one.similarTo("i0007", 50, allowed), two.similarTo("i0007", 50, allowed));
    }

    @Test
    void recommendEqualsADenseCosineOverEveryItem() {
        Random random = new Random(17);
        for (int round = 0; round < 10; round++) {
            List<ItemInfo> catalogue = RandomCatalogue.items(round, 100 + random.nextInt(400));
            ContentModel model = ContentModel.build(catalogue, EventWeights.DEFAULT, H);
            List<UserEvent> history = RandomCatalogue.history(random, catalogue, 1 + random.nextInt(40), NOW, 10 * H);
            int modulus = 1 + random.nextInt(5);
            Predicate<String> allowed = id -> id.hashCode() % modulus == 0;

            // u = Σ_j a_j x_j over the history, dense, from the model's own vectors.
            Map<String, Double> profile = new HashMap<>();
            for (UserEvent e : history) {
                double a = EventWeights.DEFAULT.of(e.kind(), e.value())
                        * Math.pow(2, -(double) Math.max(0, NOW - e.atMillis()) / H);
                model.vector(e.itemId()).forEach((t, w) -> profile.merge(t, a * w, Double::sum));
            }
            double norm = Math.sqrt(profile.values().stream().mapToDouble(v -> v * v).sum());
            List<Scored> all = new ArrayList<>();
            for (ItemInfo item : catalogue) {
                double dot = 0;
                for (Map.Entry<String, Double> term : model.vector(item.id()).entrySet()) {
                    dot += term.getValue() * profile.getOrDefault(term.getKey(), 0.0);
                }
                if (dot > 0 && item.active() && allowed.test(item.id())) {
                    all.add(Scored.of(item.id(), dot / norm));
                }
            }
            all.sort((x, y) -> x.score() != y.score() ? Double.compare(y.score(), x.score())
                    : x.itemId().compareTo(y.itemId()));

            for (int n : new int[] {1, 10, 1_000}) {
                List<Scored> got = model.recommend(history, NOW, n, allowed);
                List<Scored> want = all.subList(0, Math.min(n, all.size()));
                assertEquals(want.size(), got.size(), "round " + round);
                for (int r = 0; r < want.size(); r++) {
                    assertEquals(want.get(r).score(), got.get(r).score(), 1e-9, "round " + round + " rank " + r);
                    // Exact ties (identical vectors) go by id in both; scores within 1e-9 of a neighbour's may
                    // swap through rounding.
                    boolean nearTie = r > 0 && nearlyEqual(all.get(r - 1).score(), all.get(r).score())
                            || r + 1 < all.size() && nearlyEqual(all.get(r).score(), all.get(r + 1).score());
                    if (!nearTie) {
                        assertEquals(want.get(r).itemId(), got.get(r).itemId(), "round " + round + " rank " + r);
                    }
                }
            }
        }
    }
}
