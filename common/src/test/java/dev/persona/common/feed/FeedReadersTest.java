package dev.persona.common.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedReadersTest {

    private static final List<String> SERVICES = List.of("similarity-service", "recommend-service");
    private static final long NOW = 1_000_000;
    private static final long ALIVE_SINCE = NOW - 120_000;

    private static String live(String id) {
        return FeedReaders.value(id, NOW - 1_000);
    }

    private static String gone(String id) {
        return FeedReaders.value(id, NOW - 600_000);
    }

    @Test
    void trimsToWhatTheSlowestLiveReplicaOfEveryConsumerHandled() {
        Map<String, String> readers = Map.of(
                "similarity-service/a", live("170-3"),
                "similarity-service/b", live("150-9"),
                "recommend-service/c", live("200-0"));
        assertEquals(Optional.of("150-9"), FeedReaders.trimPoint(readers, Map.of(), SERVICES, ALIVE_SINCE));
    }

    @Test
    void idsCompareAsNumbersNotText() {
        Map<String, String> readers = Map.of(
                "similarity-service/a", live("99-0"),
                "recommend-service/c", live("100-0"));
        assertEquals(Optional.of("99-0"), FeedReaders.trimPoint(readers, Map.of(), SERVICES, ALIVE_SINCE));
        assertTrue(FeedReaders.compare("5-10", "5-9") > 0);
        assertEquals("5-10", FeedReaders.after("5-9"));
    }

    @Test
    void aConsumerThatNeverReadTheFeedHoldsEverythingBack() {
        Map<String, String> readers = Map.of("similarity-service/a", live("170-3"));
        assertEquals(Optional.empty(), FeedReaders.trimPoint(readers, Map.of(), SERVICES, ALIVE_SINCE));
    }

    @Test
    void aConsumerWithNoLiveReplicaCountsWithWhereItWillResume() {
        Map<String, String> readers = Map.of(
                "similarity-service/a", live("170-3"),
                "recommend-service/old", gone("300-0"));
        Map<String, String> resume = Map.of("recommend-service", "120-0");
        assertEquals(Optional.of("120-0"), FeedReaders.trimPoint(readers, resume, SERVICES, ALIVE_SINCE));
        assertEquals(List.of("recommend-service/old"), FeedReaders.gone(readers, ALIVE_SINCE));
    }

    @Test
    void aGoneReplicaDoesNotHoldTheLiveOnesBack() {
        Map<String, String> readers = Map.of(
                "similarity-service/a", live("170-3"),
                "similarity-service/dead", gone("10-0"),
                "recommend-service/c", live("200-0"));
        assertEquals(Optional.of("170-3"), FeedReaders.trimPoint(readers, Map.of(), SERVICES, ALIVE_SINCE));
    }

    @Test
    void nothingGoesWhileEveryoneIsAtTheStartOrAValueIsGarbled() {
        Map<String, String> readers = Map.of(
                "similarity-service/a", live("0-0"),
                "recommend-service/c", live("200-0"));
        assertEquals(Optional.empty(), FeedReaders.trimPoint(readers, Map.of(), SERVICES, ALIVE_SINCE));
        Map<String, String> garbled = Map.of(
                "similarity-service/a", "x y",
                "recommend-service/c", live("200-0"));
        assertEquals(Optional.empty(), FeedReaders.trimPoint(garbled, Map.of(), SERVICES, ALIVE_SINCE));
        assertEquals(List.of("similarity-service/a"), FeedReaders.gone(garbled, ALIVE_SINCE));
    }
}
