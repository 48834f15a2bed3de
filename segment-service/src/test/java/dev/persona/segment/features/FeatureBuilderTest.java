package dev.persona.segment.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.segment.features.FeatureMatrix.DroppedFeature;
import dev.persona.segment.features.FeatureMatrix.Transform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureBuilderTest {

    private static final long DAY = 86_400_000L;
    private static final long AS_OF = 100 * DAY;
    private static final double EPS = 1e-6;

    // a: purchases on day 90 (10) and day 95 (30), a view on day 98 -> recency 5, frequency 2, monetary 40
    // b: one purchase on day 70 (100)                                -> recency 30, frequency 1, monetary 100
    // c: a click on day 60 and a view on day 80, no purchase         -> recency 20 (last event), 0, 0
    private static List<CustomerEvent> events() {
        return new ArrayList<>(List.of(
                ev("a", "PURCHASE", 10, 90, "shoes"),
                ev("a", "PURCHASE", 30, 95, "shoes"),
                ev("a", "VIEW", 0, 98, "bags"),
                ev("b", "PURCHASE", 100, 70, "bags"),
                ev("c", "CLICK", 0, 60, "hats"),
                ev("c", "view", 0, 80, null)));
    }

    private static List<Customer> abc() {
        return List.of(Customer.of("a", Map.of()), Customer.of("b", Map.of()), Customer.of("c", Map.of()));
    }

    private static CustomerEvent ev(String user, String kind, double value, long day, String category) {
        return new CustomerEvent(user, "item-" + day, kind, value, day * DAY, category);
    }

    private static Customer withAttrs(String id, String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Customer.of(id, m);
    }

    private static double[] col(FeatureMatrix m, String name, boolean raw) {
        int j = m.indexOf(name);
        assertTrue(j >= 0, () -> name + " not in " + m.featureNames());
        return raw ? m.rawColumn(j) : m.transformedColumn(j);
    }

    @Test
    void rfmByHandOnThreeCustomers() {
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.parse(List.of("rfm")), abc(), events(), AS_OF);
        assertEquals(List.of("a", "b", "c"), m.userIds());
        assertEquals(List.of("recency_days", "frequency", "monetary"), m.featureNames());
        assertArrayEquals(new double[] {5, 30, 20}, col(m, "recency_days", true), EPS);
        assertArrayEquals(new double[] {2, 1, 0}, col(m, "frequency", true), EPS);
        assertArrayEquals(new double[] {40, 100, 0}, col(m, "monetary", true), EPS);
        for (int j = 0; j < 3; j++) {
            assertEquals(Transform.LOG1P_ZSCORE, m.transform(j));
        }
    }

    @Test
    void log1pThenPopulationZScore() {
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.defaults(), abc(), events(), AS_OF);
        // z((log1p(x) - mean) / populationStd), worked out separately
        assertArrayEquals(new double[] {-1.377317, 0.966595, 0.410722}, col(m, "recency_days", false), EPS);
        assertArrayEquals(new double[] {1.105281, 0.211405, -1.316686}, col(m, "frequency", false), EPS);
        assertArrayEquals(new double[] {0.469305, 0.920689, -1.389994}, col(m, "monetary", false), EPS);
        // frequency: log1p = {ln 3, ln 2, 0}
        double mean = (Math.log(3) + Math.log(2)) / 3;
        assertEquals(mean, m.center(1), 1e-12);
        double var = (Math.pow(Math.log(3) - mean, 2) + Math.pow(Math.log(2) - mean, 2) + mean * mean) / 3;
        assertEquals(Math.sqrt(var), m.scale(1), 1e-12);
        assertEquals(1.0, m.rawMean(1), 1e-12);
        assertEquals(Math.sqrt(2.0 / 3), m.rawStd(1), 1e-12);
        double[][] rows = m.toRowMajor();
        assertEquals(3, rows.length);
        assertEquals(3, rows[0].length);
        assertEquals(-1.316686, rows[2][1], EPS);
    }

    @Test
    void customerWithoutEventsGetsMaxRecencyPlusOne() {
        List<Customer> customers = new ArrayList<>(abc());
        customers.add(Customer.of("d", Map.of()));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.defaults(), customers, events(), AS_OF);
        assertArrayEquals(new double[] {5, 30, 20, 31}, col(m, "recency_days", true), EPS);
        assertArrayEquals(new double[] {2, 1, 0, 0}, col(m, "frequency", true), EPS);
    }

    @Test
    void futureEventsAreIgnored() {
        List<CustomerEvent> withFuture = events();
        withFuture.add(ev("c", "PURCHASE", 500, 100, "hats")); // exactly at asOf: not before it
        withFuture.add(ev("b", "PURCHASE", 900, 120, "bags"));
        withFuture.add(ev("a", "VIEW", 0, 150, "newcat"));
        List<String> spec = List.of("rfm", "affinity:category");
        FeatureMatrix clean = FeatureBuilder.build(FeatureSpec.parse(spec), abc(), events(), AS_OF);
        FeatureMatrix leaky = FeatureBuilder.build(FeatureSpec.parse(spec), abc(), withFuture, AS_OF);
        assertEquals(clean.featureNames(), leaky.featureNames());
        assertFalse(leaky.featureNames().contains("affinity:category=newcat"));
        assertArrayEquals(clean.toRowMajor(), leaky.toRowMajor());
        assertArrayEquals(new double[] {2, 1, 0}, col(leaky, "frequency", true), EPS);
    }

    @Test
    void categoricalAttributeIsOneHotWithMissingAllZero() {
        List<Customer> cs = List.of(withAttrs("a", "country", "FR"), withAttrs("b", "country", "DE"),
                withAttrs("c", "country", " FR "), withAttrs("d"));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.parse(List.of("attr:country")), cs, List.of(), AS_OF);
        assertEquals(List.of("attr:country=DE", "attr:country=FR"), m.featureNames());
        assertArrayEquals(new double[] {0, 1, 0, 0}, col(m, "attr:country=DE", false), 0);
        assertArrayEquals(new double[] {1, 0, 1, 0}, col(m, "attr:country=FR", false), 0);
        assertEquals(Transform.NONE, m.transform(0));
    }

    @Test
    void allAttributesExpandByName() {
        List<Customer> cs = List.of(
                withAttrs("a", "plan", "gold", "age", "30", "country", "FR"),
                withAttrs("b", "plan", "free", "age", "50"),
                withAttrs("c", "country", "DE", "age", "40"));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.parse(List.of("attr:*")), cs, null, AS_OF);
        assertEquals(List.of("attr:age", "attr:country=DE", "attr:country=FR", "attr:plan=free",
                "attr:plan=gold"), m.featureNames());
        assertEquals(Transform.ZSCORE, m.transform(0));
        assertArrayEquals(new double[] {30, 50, 40}, col(m, "attr:age", true), 0);
        // explicit attribute plus attr:* keeps one copy, at the explicit position
        FeatureMatrix m2 = FeatureBuilder.build(FeatureSpec.parse(List.of("attr:plan", "attr:*")), cs, null, AS_OF);
        assertEquals(List.of("attr:plan=free", "attr:plan=gold", "attr:age", "attr:country=DE",
                "attr:country=FR"), m2.featureNames());
    }

    @Test
    void missingNumericValuesImputedWithMedian() {
        List<Customer> cs = List.of(withAttrs("a", "age", "30"), withAttrs("b"), withAttrs("c", "age", "50"),
                withAttrs("d", "age", "40"), withAttrs("e", "age", ""));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.parse(List.of("attr:age")), cs, List.of(), AS_OF);
        assertArrayEquals(new double[] {30, 40, 50, 40, 40}, col(m, "attr:age", true), 0);
        // mean 40, population std sqrt(200 / 5) = sqrt(40)
        double s = Math.sqrt(40);
        assertArrayEquals(new double[] {-10 / s, 0, 10 / s, 0, 0}, col(m, "attr:age", false), 1e-12);
        assertEquals(40, m.rawMean(0), 1e-12);
        assertEquals(s, m.rawStd(0), 1e-12);

        // even count of present values: mean of the two middle ones
        List<Customer> even = List.of(withAttrs("a", "age", "10"), withAttrs("b", "age", "20"), withAttrs("c"));
        FeatureMatrix m2 = FeatureBuilder.build(FeatureSpec.parse(List.of("attr:age")), even, List.of(), AS_OF);
        assertArrayEquals(new double[] {10, 20, 15}, col(m2, "attr:age", true), 0);
    }

    @Test
    void numericAttributeWithNonNumericValueIsCategorical() {
        List<Customer> cs = List.of(withAttrs("a", "age", "30"), withAttrs("b", "age", "unknown"),
                withAttrs("c", "age", "30"));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.parse(List.of("attr:age")), cs, List.of(), AS_OF);
        assertEquals(List.of("attr:age=30", "attr:age=unknown"), m.featureNames());
    }

    @Test
    void categoryAffinitySharesSumToOne() {
        List<Customer> cs = new ArrayList<>(abc());
        cs.add(Customer.of("d", Map.of()));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.parse(List.of("affinity:category")), cs, events(),
                AS_OF);
        assertEquals(List.of("affinity:category=bags", "affinity:category=hats", "affinity:category=shoes"),
                m.featureNames());
        // a: shoes 2, bags 1; b: bags 1; c: hats 1 (the view without a category is not counted); d: nothing
        assertArrayEquals(new double[] {1.0 / 3, 1, 0, 0}, col(m, "affinity:category=bags", true), 1e-12);
        assertArrayEquals(new double[] {0, 0, 1, 0}, col(m, "affinity:category=hats", true), 1e-12);
        assertArrayEquals(new double[] {2.0 / 3, 0, 0, 0}, col(m, "affinity:category=shoes", true), 1e-12);
        double[][] rows = m.toRowMajor();
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (double v : rows[i]) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-12, "row " + i);
        }
        assertEquals(0.0, rows[3][0] + rows[3][1] + rows[3][2], 0);
    }

    @Test
    void constantFeaturesAreDroppedAndReported() {
        List<Customer> cs = List.of(withAttrs("a", "plan", "gold", "age", "30"), withAttrs("b", "plan", "gold"),
                withAttrs("c", "plan", "gold"));
        List<CustomerEvent> ev = List.of(ev("a", "VIEW", 0, 90, "x"), ev("b", "VIEW", 0, 80, "x"),
                ev("c", "VIEW", 0, 70, "x"));
        FeatureMatrix m = FeatureBuilder.build(
                FeatureSpec.parse(List.of("rfm", "attr:plan", "attr:age", "attr:ghost", "affinity:category")),
                cs, ev, AS_OF);
        assertEquals(List.of("recency_days"), m.featureNames());
        List<String> droppedNames = m.dropped().stream().map(DroppedFeature::name).toList();
        assertEquals(List.of("frequency", "monetary", "attr:plan=gold", "attr:age", "attr:ghost",
                "affinity:category=x"), droppedNames);
        for (DroppedFeature d : m.dropped()) {
            if (!d.name().equals("attr:ghost")) {
                assertTrue(d.reason().startsWith("constant"), d.toString());
            }
        }
        // attr:age: one value, imputed everywhere with its median -> constant 30
        assertTrue(m.dropped().get(3).reason().contains("30.0"));
        assertTrue(m.dropped().get(4).reason().contains("no customer"));
    }

    @Test
    void consentDeniedCustomersAreExcluded() {
        List<Customer> cs = List.of(Customer.of("a", Map.of()), new Customer("b", Map.of(), true),
                Customer.of("c", Map.of()));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.defaults(), cs, events(), AS_OF);
        assertEquals(List.of("a", "c"), m.userIds());
        assertEquals(List.of("b"), m.excludedUserIds());
        assertArrayEquals(new double[] {5, 20}, col(m, "recency_days", true), EPS);
    }

    @Test
    void inverseTransformRoundTrip() {
        List<Customer> cs = List.of(withAttrs("a", "age", "30", "country", "FR"),
                withAttrs("b", "age", "55", "country", "DE"), withAttrs("c", "country", "FR"));
        FeatureMatrix m = FeatureBuilder.build(
                FeatureSpec.parse(List.of("rfm", "attr:*", "affinity:category")), cs, events(), AS_OF);
        double[][] rows = m.toRowMajor();
        for (int i = 0; i < m.rows(); i++) {
            double[] back = m.centroidInOriginalUnits(rows[i]);
            for (int j = 0; j < m.columns(); j++) {
                assertEquals(m.raw(i, j), back[j], 1e-9, m.featureNames().get(j) + " row " + i);
            }
        }
        // the zero vector is the centre: geometric-mean-like for log1p columns, the mean for z-scored ones
        double[] centre = m.centroidInOriginalUnits(new double[m.columns()]);
        int age = m.indexOf("attr:age");
        assertEquals(m.rawMean(age), centre[age], 1e-9);
        int freq = m.indexOf("frequency");
        assertEquals(Math.expm1((Math.log(3) + Math.log(2)) / 3), centre[freq], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> m.centroidInOriginalUnits(new double[1]));
    }

    @Test
    void negativeMonetaryUsesSignedLog1p() {
        List<CustomerEvent> ev = List.of(ev("a", "PURCHASE", -50, 90, null), ev("b", "PURCHASE", 20, 90, null),
                ev("c", "PURCHASE", 5, 90, null));
        FeatureMatrix m = FeatureBuilder.build(FeatureSpec.parse(List.of("monetary")), abc(), ev, AS_OF);
        double[][] rows = m.toRowMajor();
        assertEquals(-50, m.centroidInOriginalUnits(rows[0])[0], 1e-9);
    }

    @Test
    void invalidInputs() {
        // no events at all: every RFM feature is constant, so nothing is kept (not an error)
        FeatureMatrix empty = FeatureBuilder.build(abc(), List.of(), AS_OF);
        assertEquals(3, empty.rows());
        assertEquals(0, empty.columns());
        assertEquals(3, empty.dropped().size());
        assertThrows(IllegalArgumentException.class, () -> FeatureBuilder.build(
                List.of(Customer.of("a", null), Customer.of("a", null)), List.of(), AS_OF));
        assertThrows(IllegalArgumentException.class, () -> FeatureBuilder.build(
                List.of(new Customer("a", null, true)), List.of(), AS_OF));
        assertThrows(IllegalArgumentException.class, () -> ev("a", "REFUND", 1, 1, null));
    }
}
