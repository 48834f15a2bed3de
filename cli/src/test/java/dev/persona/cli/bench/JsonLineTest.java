package dev.persona.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    @Test
    void valuesAreWrittenInOrderWithRoundedDecimalsAndNulls() {
        String json = new JsonLine().put("bench", "ingest").put("events", 998_176L).put("seconds", 12.34567)
                .put("rate", 2.0).put("rss", OptionalDouble.empty()).put("nan", Double.NaN).put("ok", true)
                .toString();
        assertEquals("{\"bench\":\"ingest\",\"events\":998176,\"seconds\":12.346,\"rate\":2,\"rss\":null,"
                + "\"nan\":null,\"ok\":true}", json);
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("{\"t\":\"a\\\"b\\\\c\\u000a\"}", new JsonLine().put("t", "a\"b\\c\n").toString());
    }

    @Test
    void arraysOfWholeNumbersAreWrittenAsJsonArrays() {
        assertEquals("{\"ms\":[3,1,2],\"none\":[]}",
                new JsonLine().put("ms", new long[] {3, 1, 2}).put("none", new long[0]).toString());
    }

    @Test
    void objectsNestInObjectsAndArrays() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("item-knn", 9L);
        counts.put("popular", 1L);
        String json = new JsonLine().put("runs", List.of(new JsonLine().put("k", 1L).put("used", counts),
                new JsonLine())).put("none", Map.of()).put("inner", new JsonLine().put("ndcg", 0.28449, 4))
                .toString();
        assertEquals("{\"runs\":[{\"k\":1,\"used\":{\"item-knn\":9,\"popular\":1}},{}],\"none\":{},"
                + "\"inner\":{\"ndcg\":0.2845}}", json);
    }
}
