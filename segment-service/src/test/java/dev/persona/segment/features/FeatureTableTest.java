package dev.persona.segment.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.segment.features.FeatureScaler.Scaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureTableTest {

    static final long DAY = 86_400_000L;
    static final long AS_OF = 200 * DAY;
    static final double EPS = 1e-9;

    // a: purchases on day 100 (10) and day 150 (30), a rating 4 on day 190, a view on day 198
    // b: one purchase on day 20 (100), a rating 2 on day 30
    // c: a click on day 60 and a view on day 80, no purchase
    // d: no events; consent denied for e
    static List<CustomerEvent> events() {
        return List.of(
                ev("a", "PURCHASE", 10, 100, "shoes"), ev("a", "PURCHASE", 30, 150, "shoes"),
                ev("a", "RATING", 4, 190, null), ev("a", "VIEW", 0, 198, "bags"),
                ev("b", "PURCHASE", 100, 20, "bags"), ev("b", "RATING", 2, 30, null),
                ev("c", "CLICK", 0, 60, "hats"), ev("c", "VIEW", 0, 80, null),
                ev("a", "PURCHASE", 999, 200, "shoes"), // at the clock: ignored
                ev("e", "PURCHASE", 5, 10, "hats"), ev("zz", "PURCHASE", 5, 10, "hats"));
    }

    static List<Customer> customers() {
        return List.of(Customer.of("a", Map.of("plan", "gold", "age", "30")),
                Customer.of("b", Map.of("plan", "free", "age", " ")),
                Customer.of("c", Map.of("plan", "free", "age", "50")), Customer.of("d", Map.of()),
                new Customer("e", Map.of("plan", "gold"), true));
    }

    static CustomerEvent ev(String user, String kind, double value, long day, String category) {
        return new CustomerEvent(user, "item-" + day, kind, value, day * DAY, category);
    }

    static FeatureTable table(String... names) {
        return FeatureTable.build(FeatureSpec.parse(List.of(names)), customers(), events(), AS_OF, Set.of());
    }

    @Test
    void builtinsByHand() {
        FeatureTable t = FeatureTable.build(FeatureSpec.everything(false), customers(), events(), AS_OF, Set.of());
        assertEquals(List.of("a", "b", "c", "d"), t.userIds());
        assertEquals(List.of("e"), t.excludedUserIds());
        double nan = Double.NaN;
        assertArrayEquals(new double[] {50, 180, nan, nan}, t.column("recency_days").numeric(), EPS);
        assertArrayEquals(new double[] {2, 1, 0, 0}, t.column("frequency").numeric(), EPS);
        assertArrayEquals(new double[] {40, 100, 0, 0}, t.column("monetary").numeric(), EPS);
        assertArrayEquals(new double[] {20, 100, nan, nan}, t.column("avg_amount").numeric(), EPS);
        assertArrayEquals(new double[] {100, 180, 140, nan}, t.column("tenure_days").numeric(), EPS);
        assertArrayEquals(new double[] {1, 0, 0, 0}, t.column("purchases_90d").numeric(), EPS);
        assertArrayEquals(new double[] {2, 1, 0, 0}, t.column("purchases_180d").numeric(), EPS);
        assertArrayEquals(new double[] {4, 2, 2, 0}, t.column("events").numeric(), EPS);
        assertArrayEquals(new double[] {4, 2, nan, nan}, t.column("mean_rating").numeric(), EPS);
        assertEquals(-1, t.rowOf("e"));
        assertEquals(2, t.rowOf("c"));
    }

    @Test
    void attributesNumericOrCategoricalAndAffinities() {
        FeatureTable t = table("attribute:*", "affinity:category");
        assertTrue(t.column("attribute:plan").categorical());
        assertArrayEquals(new String[] {"gold", "free", "free", null}, t.column("attribute:plan").text());
        assertArrayEquals(new double[] {30, Double.NaN, 50, Double.NaN}, t.column("attribute:age").numeric(), EPS);
        assertArrayEquals(new double[] {1.0 / 3, 1, 0, 0}, t.column("affinity:category=bags").numeric(), EPS);
        assertArrayEquals(new double[] {2.0 / 3, 0, 0, 0}, t.column("affinity:category=shoes").numeric(), EPS);
        assertArrayEquals(new double[] {0, 0, 1, 0}, t.column("affinity:category=hats").numeric(), EPS);
    }

    @Test
    void labelAndUnknownAttributesAreRefused() {
        FeatureTable t = FeatureTable.build(FeatureSpec.parse(List.of("attribute:*")), customers(), events(), AS_OF,
                Set.of("plan"));
        assertNull(t.column("attribute:plan"));
        assertThrows(IllegalArgumentException.class, () -> FeatureTable.build(
                FeatureSpec.parse(List.of("attribute:plan")), customers(), events(), AS_OF, Set.of("plan")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table("attribute:height"));
        assertTrue(e.getMessage().contains("no user has attribute 'height'"), e.getMessage());
    }

    @Test
    void matrixSkipsUsersLackingAFeatureAndScales() {
        FeatureMatrix m = FeatureMatrix.of(table("rfm"), Scaling.LOG1P_ZSCORE);
        assertEquals(List.of("a", "b"), m.userIds());
        assertEquals(List.of("c", "d"), m.skippedUserIds());
        assertEquals(List.of("recency_days", "frequency", "monetary"), m.featureNames());
        for (int j = 0; j < 3; j++) {
            assertEquals(0, m.scaled(0, j) + m.scaled(1, j), EPS); // two rows: z-scores ±1
            assertEquals(1, Math.abs(m.scaled(0, j)), EPS);
        }
        FeatureScaler s = m.scaler();
        assertEquals(50, s.original(0, m.scaled(0, 0)), 1e-6);
        assertArrayEquals(m.toRowMajor()[1], s.scale(s.raw(table("rfm"), 1)), EPS);
        assertNull(s.raw(table("rfm"), 2)); // c has no purchase
    }

    @Test
    void aCategoryWithTooManyValuesIsLeftOutAndNamesNoValue() {
        List<Customer> many = new ArrayList<>();
        for (int i = 0; i <= FeatureMatrix.MAX_LEVELS; i++) {
            many.add(Customer.of("u" + i, Map.of("email", "person" + i + "@example.com", "plan", i % 2 == 0 ? "a" : "b")));
        }
        FeatureTable t = FeatureTable.build(FeatureSpec.parse(List.of("attribute:*")), many, List.of(), AS_OF, Set.of());
        FeatureMatrix m = FeatureMatrix.of(t, Scaling.NONE);
        assertEquals(List.of("attribute:plan=a", "attribute:plan=b"), m.featureNames());
        assertEquals("attribute:email", m.dropped().get(0).name());
        assertEquals((FeatureMatrix.MAX_LEVELS + 1) + " distinct values, more than the " + FeatureMatrix.MAX_LEVELS
                + " a categorical feature may have", m.dropped().get(0).reason());
        assertTrue(m.dropped().stream().noneMatch(d -> d.name().contains("@") || d.reason().contains("@")));
    }

    @Test
    void oneHotLevelsAndConstantColumnsDropped() {
        FeatureMatrix m = FeatureMatrix.of(table("attribute:plan", "frequency"), Scaling.NONE);
        assertEquals(List.of("a", "b", "c"), m.userIds());
        assertEquals(List.of("attribute:plan=free", "attribute:plan=gold", "frequency"), m.featureNames());
        assertArrayEquals(new double[] {0, 1, 2}, m.toRowMajor()[0], EPS);
        FeatureMatrix constant = FeatureMatrix.of(table("frequency", "attribute:plan"),
                Scaling.ZSCORE);
        assertEquals(3, constant.columns());
        FeatureTable onlyB = FeatureTable.build(FeatureSpec.parse(List.of("frequency", "monetary")),
                List.of(Customer.of("b", Map.of()), Customer.of("b2", Map.of())),
                List.of(ev("b", "PURCHASE", 5, 1, null), ev("b2", "PURCHASE", 7, 1, null)), AS_OF, Set.of());
        FeatureMatrix dropped = FeatureMatrix.of(onlyB, Scaling.ZSCORE);
        assertEquals(List.of("monetary"), dropped.featureNames());
        assertEquals("frequency", dropped.dropped().get(0).name());
        assertTrue(dropped.dropped().get(0).reason().startsWith("constant"));
    }

    @Test
    void scalerPlacesANewUserWithStoredLevels() {
        FeatureMatrix m = FeatureMatrix.of(table("attribute:plan", "frequency"), Scaling.ZSCORE);
        FeatureTable newcomer = FeatureTable.build(FeatureSpec.parse(List.of("attribute:plan", "frequency")),
                List.of(Customer.of("n", Map.of("plan", "gold"))), List.of(ev("n", "PURCHASE", 1, 5, null)),
                AS_OF, Set.of());
        assertArrayEquals(new double[] {0, 1, 1}, m.scaler().raw(newcomer, 0), EPS);
    }
}
