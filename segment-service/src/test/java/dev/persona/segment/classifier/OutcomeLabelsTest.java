package dev.persona.segment.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.segment.features.CustomerEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeLabelsTest {

    static final long DAY = 86_400_000L;
    static final long CUTOFF = 100 * DAY;
    static final long HORIZON = 30 * DAY;

    static CustomerEvent ev(String user, String kind, long day) {
        return new CustomerEvent(user, "i", kind, 10, day * DAY, null);
    }

    // a: bought before and in the window (stays); b: bought before, not in the window (churns);
    // c: bought before, next purchase exactly at the window's end (excluded: churns);
    // d: only viewed before, bought in the window; e: bought first in the window (no history);
    // f: bought before and exactly at the cutoff (in the window: stays)
    static List<CustomerEvent> log() {
        return List.of(ev("a", "PURCHASE", 50), ev("a", "PURCHASE", 110),
                ev("b", "PURCHASE", 10), ev("b", "VIEW", 105),
                ev("c", "PURCHASE", 90), ev("c", "PURCHASE", 130),
                ev("d", "VIEW", 20), ev("d", "PURCHASE", 101),
                ev("e", "PURCHASE", 120),
                ev("f", "PURCHASE", 99), ev("f", "PURCHASE", 100));
    }

    @Test
    void churnAmongBuyersBeforeTheCutoff() {
        Map<String, Boolean> labels = OutcomeLabels.label(OutcomeLabels.Outcome.CHURN, log(), CUTOFF, HORIZON);
        assertEquals(Map.of("a", false, "b", true, "c", true, "f", false), labels);
        assertEquals(List.of("a", "b", "c", "f"), List.copyOf(labels.keySet()), "by id");
    }

    @Test
    void purchaseAmongUsersWithAnyEventBeforeTheCutoff() {
        Map<String, Boolean> labels = OutcomeLabels.label(OutcomeLabels.Outcome.PURCHASE, log(), CUTOFF, HORIZON);
        assertEquals(Map.of("a", true, "b", false, "c", false, "d", true, "f", true), labels);
    }

    @Test
    void spanAndBadInput() {
        OutcomeLabels.Span span = OutcomeLabels.span(log());
        assertEquals(10 * DAY, span.firstMillis());
        assertEquals(130 * DAY, span.latestMillis());
        assertTrue(OutcomeLabels.span(List.of()).empty());
        assertThrows(IllegalArgumentException.class,
                () -> OutcomeLabels.label(OutcomeLabels.Outcome.CHURN, log(), CUTOFF, 0));
        assertEquals(Map.of("a", false, "b", true, "c", false, "f", false),
                OutcomeLabels.label(OutcomeLabels.Outcome.CHURN, log(), CUTOFF, Long.MAX_VALUE), "no overflow");
    }
}
