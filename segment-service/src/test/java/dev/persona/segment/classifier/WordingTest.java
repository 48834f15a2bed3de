package dev.persona.segment.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordingTest {

    @Test
    void builtInsReadAsSentences() {
        assertEquals("no purchase for over 120.5 days", Wording.numeric("recency_days", 120.5, false, false));
        assertEquals("last purchase within 120 days", Wording.numeric("recency_days", 120.5, true, true));
        assertEquals("at most 2 purchases", Wording.numeric("frequency", 2.5, true, true));
        assertEquals("more than 2 purchases", Wording.numeric("frequency", 2.5, true, false));
        assertEquals("spent more than 150.3", Wording.numeric("monetary", 150.2512, false, false));
        assertEquals("more than 3 purchases in the last 90 days", Wording.numeric("purchases_90d", 3.5, true, false));
        assertEquals("at most 35 % of events in shoes",
                Wording.numeric("affinity:category=shoes", 0.35, false, true));
    }

    @Test
    void attributesUseTheirOwnNames() {
        assertEquals("tenure ≤ 5", Wording.numeric("attribute:tenure", 5.5, true, true));
        assertEquals("tenure > 5", Wording.numeric("attribute:tenure", 5.5, true, false));
        assertEquals("MonthlyCharges ≤ 70.35", Wording.numeric("attribute:MonthlyCharges", 70.349999, false, true));
        assertEquals("Contract is Month-to-month", Wording.categorical("attribute:Contract", "Month-to-month", true));
        assertEquals("Contract is not Two year", Wording.categorical("attribute:Contract", "Two year", false));
    }

    @Test
    void numbersAndPercentages() {
        assertEquals("68 %", Wording.percent(0.6789));
        assertEquals("1234.6", Wording.number(1234.56));
        assertEquals("0.12", Wording.number(0.1234));
        assertEquals("3", Wording.number(3.0));
        assertEquals("0", Wording.number(-0.0001));
        assertEquals("Abc", Wording.capitalise("abc"));
    }
}
