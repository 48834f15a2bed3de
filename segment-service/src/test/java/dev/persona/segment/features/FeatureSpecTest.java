package dev.persona.segment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.segment.features.FeatureSpec.Kind;
import dev.persona.segment.features.FeatureSpec.Term;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

    @Test
    void emptyMeansRfm() {
        List<Term> rfm = List.of(new Term(Kind.RECENCY_DAYS, null), new Term(Kind.FREQUENCY, null),
                new Term(Kind.MONETARY, null));
        assertEquals(rfm, FeatureSpec.parse(List.of()).terms());
        assertEquals(rfm, FeatureSpec.parse(null).terms());
        assertEquals(rfm, FeatureSpec.parse(List.of("RFM")).terms());
        assertEquals("recency_days,frequency,monetary", FeatureSpec.defaults().toString());
    }

    @Test
    void parsesEveryFormAndDropsRepeats() {
        FeatureSpec spec = FeatureSpec.parse(List.of("frequency", "attr:age", "attr:*", " affinity:category ",
                "rfm", "attr:age", "recency_days", "monetary"));
        assertEquals(List.of(new Term(Kind.FREQUENCY, null), new Term(Kind.ATTRIBUTE, "age"),
                new Term(Kind.ALL_ATTRIBUTES, null), new Term(Kind.CATEGORY_AFFINITY, null),
                new Term(Kind.RECENCY_DAYS, null), new Term(Kind.MONETARY, null)), spec.terms());
    }

    @Test
    void unknownNameIsRejectedWithValidForms() {
        for (String bad : List.of("lifetime_value", "attr:", "affinity:brand", "attr:country=FR")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FeatureSpec.parse(List.of("rfm", bad)));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("attr:<name>"), e.getMessage());
            assertTrue(e.getMessage().contains("affinity:category"), e.getMessage());
            assertTrue(e.getMessage().contains("recency_days"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.parse(Arrays.asList("rfm", null)));
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.parse(List.of(" ")));
    }
}
