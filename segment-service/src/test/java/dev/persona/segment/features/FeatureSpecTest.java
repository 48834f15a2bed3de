package dev.persona.segment.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

    @Test
    void emptyMeansRfm() {
        List<String> rfm = List.of("recency_days", "frequency", "monetary");
        assertEquals(rfm, FeatureSpec.parse(List.of()).names());
        assertEquals(rfm, FeatureSpec.parse(null).names());
        assertEquals(rfm, FeatureSpec.parse(List.of("RFM")).names());
        assertEquals("recency_days,frequency,monetary", FeatureSpec.defaults().toString());
    }

    @Test
    void parsesEveryFormWithAliases() {
        FeatureSpec spec = FeatureSpec.parse(List.of("frequency", "attr:age", "attribute:plan", "attr:*",
                " affinity:category ", "avg_amount", "tenure_days", "purchases_90d", "purchases_180d", "events",
                "mean_rating", "Recency_Days", "monetary"));
        assertEquals(List.of("frequency", "attribute:age", "attribute:plan", "attribute:*", "affinity:category",
                "avg_amount", "tenure_days", "purchases_90d", "purchases_180d", "events", "mean_rating",
                "recency_days", "monetary"), spec.names());
        assertTrue(spec.needsCategories());
        assertEquals(10, FeatureSpec.everything(true).terms().size());
    }

    @Test
    void repeatedNameIsRejected() {
        for (List<String> twice : List.of(List.of("frequency", "frequency"), List.of("rfm", "monetary"),
                List.of("attr:age", "attribute:age"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FeatureSpec.parse(twice));
            assertTrue(e.getMessage().contains("named twice"), e.getMessage());
        }
    }

    @Test
    void unknownNameIsRejectedWithValidForms() {
        for (String bad : List.of("lifetime_value", "attr:", "affinity:brand", "attr:country=FR")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FeatureSpec.parse(List.of("rfm", bad)));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("attribute:<name>"), e.getMessage());
            assertTrue(e.getMessage().contains("affinity:category"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.parse(Arrays.asList("rfm", null)));
        assertThrows(IllegalArgumentException.class, () -> FeatureSpec.parse(List.of(" ")));
    }
}
