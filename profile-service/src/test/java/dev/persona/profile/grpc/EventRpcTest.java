package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.GetItemRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.ImportSummary;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.RecordEventResponse;
import dev.persona.api.v1.RecordEventsRequest;
import dev.persona.common.redis.RedisKeys;
import io.grpc.Status;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventRpcTest extends GrpcTestSupport {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    @Inject
    RedisDataSource redis;

    private RecordEventResponse record(Event e) {
        return blocking().recordEvent(RecordEventRequest.newBuilder().setEvent(e).build());
    }

    private ImportSummary recordAll(List<Event> events) {
        return mutiny().recordEvents(Multi.createFrom().iterable(events)
                        .map(e -> RecordEventsRequest.newBuilder().setEvent(e).build()))
                .await().atMost(Duration.ofSeconds(120)).getSummary();
    }

    @Test
    void recordEventIsIdempotentAndCreatesBareUsersAndItems() {
        Event e = event("e-1", "new-user", "new-item", EventType.EVENT_TYPE_PURCHASE, 12.5, T0);
        RecordEventResponse first = record(e);
        assertFalse(first.getDuplicate());
        RecordEventResponse again = record(e.toBuilder().setValue(99).build());
        assertTrue(again.getDuplicate());
        assertEquals(first.getSequence(), again.getSequence());
        assertEquals(1, exportAll(0).size());
        assertEquals(12.5, exportAll(0).get(0).getValue());
        assertEquals("new-user", blocking().getUser(GetUserRequest.newBuilder().setUserId("new-user").build()).getUser().getUserId());
        assertTrue(blocking().getItem(GetItemRequest.newBuilder().setItemId("new-item").build()).getItem().getActive());
    }

    @Test
    void committedEventsReachRecentHistoryAndTheChangeFeed() {
        record(event("r-1", "ann", "a", EventType.EVENT_TYPE_VIEW, 0, T0));
        long seq = record(event("r-2", "ann", "b", EventType.EVENT_TYPE_RATING, 4.5, T0.plusSeconds(60))).getSequence();
        assertEquals(List.of("b\tRATING\t" + T0.plusSeconds(60).toEpochMilli() + "\t4.5", "a\tVIEW\t" + T0.toEpochMilli() + "\t0.0"),
                redis.list(String.class).lrange(RedisKeys.recent(tenant, "ann"), 0, -1));
        List<StreamMessage<String, String, String>> feed = redis.stream(String.class).xrange(RedisKeys.feed(tenant),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(2, feed.size(), "one entry per committed batch");
        StreamMessage<String, String, String> last = feed.get(1);
        assertEquals("events", last.payload().get("kind"));
        assertEquals(Long.toString(seq), last.payload().get("first_seq"));
        assertEquals(Long.toString(seq), last.payload().get("last_seq"));
        assertEquals("1", last.payload().get("count"));
        assertEquals(java.util.Set.of("kind", "first_seq", "last_seq", "count"), last.payload().keySet(),
                "a notification only: no user or item in the feed");
    }

    @Test
    void everyEventRuleIsEnforcedNamingTheField() {
        Event ok = event("v", "u", "i", EventType.EVENT_TYPE_RATING, 4, T0);
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.value", () -> record(ok.toBuilder().setValue(0.4).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.value", () -> record(ok.toBuilder().setValue(5.5).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.value", () -> record(ok.toBuilder().setValue(Double.NaN).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.value", () -> record(ok.toBuilder()
                .setType(EventType.EVENT_TYPE_PURCHASE).setValue(-3).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.value", () -> record(ok.toBuilder()
                .setType(EventType.EVENT_TYPE_PURCHASE).setValue(Double.POSITIVE_INFINITY).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.value", () -> record(ok.toBuilder()
                .setType(EventType.EVENT_TYPE_VIEW).setValue(Double.NEGATIVE_INFINITY).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.occurred_at", () -> record(ok.toBuilder().clearOccurredAt().build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.occurred_at", () -> record(ok.toBuilder()
                .setOccurredAt(Timestamp.newBuilder().setSeconds(-1)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.occurred_at", () -> record(ok.toBuilder()
                .setOccurredAt(ts(Instant.now().plusSeconds(6 * 60))).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.type", () -> record(ok.toBuilder().setType(EventType.EVENT_TYPE_UNSPECIFIED).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.type", () -> record(ok.toBuilder().setTypeValue(99).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.event_id", () -> record(ok.toBuilder().setEventId("").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.user_id", () -> record(ok.toBuilder().setUserId("x".repeat(129)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.item_id", () -> record(ok.toBuilder().setItemId("a\rb").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event.recommendation_id", () -> record(ok.toBuilder()
                .setRecommendationId("r\u0001").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "event", () -> blocking().recordEvent(RecordEventRequest.getDefaultInstance()));
        assertEquals(0, exportAll(0).size(), "nothing was written");
        assertFalse(record(ok.toBuilder().setOccurredAt(ts(Instant.now().plusSeconds(4 * 60))).build()).getDuplicate(),
                "4 minutes ahead is within the allowed skew");
        assertFalse(record(ok.toBuilder().setEventId("edge").setValue(0.5).build()).getDuplicate(), "the scale is inclusive");
    }

    @Test
    void streamCommitsInBatchesAndResendingAddsNothing() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12_345; i++) {
            events.add(event("s-" + i, "u" + (i % 97), "i" + (i % 31), EventType.EVENT_TYPE_CLICK, 0, T0.plusSeconds(i)));
        }
        ImportSummary first = recordAll(events);
        assertEquals(12_345, first.getReceived());
        assertEquals(12_345, first.getAccepted());
        assertEquals(0, first.getDuplicates());
        ImportSummary again = recordAll(events);
        assertEquals(0, again.getAccepted());
        assertEquals(12_345, again.getDuplicates());
        List<Interaction> log = exportAll(0);
        assertEquals(12_345, log.size());
        for (int i = 1; i < log.size(); i++) {
            assertTrue(log.get(i).getSequence() > log.get(i - 1).getSequence(), "commit order");
        }
        assertEquals("u0", log.get(0).getUserId(), "stream order is kept within the log");
    }

    @Test
    void invalidRecordsAreRejectedOneByOneAndDuplicatesInTheStreamCounted() {
        List<Event> events = List.of(
                event("a", "u", "i", EventType.EVENT_TYPE_VIEW, 0, T0),
                event("b", "u", "i", EventType.EVENT_TYPE_RATING, 9, T0),
                event("a", "u", "i", EventType.EVENT_TYPE_VIEW, 0, T0),
                event("c", "u", "", EventType.EVENT_TYPE_VIEW, 0, T0),
                event("d", "u", "i", EventType.EVENT_TYPE_PURCHASE, 20, T0));
        ImportSummary s = recordAll(events);
        assertEquals(5, s.getReceived());
        assertEquals(2, s.getAccepted());
        assertEquals(1, s.getDuplicates());
        assertEquals(2, s.getRejected());
        assertEquals(1, s.getRejections(0).getIndex());
        assertEquals("event.value", s.getRejections(0).getField());
        assertEquals(3, s.getRejections(1).getIndex());
        assertEquals("event.item_id", s.getRejections(1).getField());
        assertEquals(2, exportAll(0).size());
    }

    @Test
    void anEmptyStreamIsAValidImportOfNothing() {
        ImportSummary s = recordAll(List.of());
        assertEquals(0, s.getReceived());
        assertEquals(0, s.getAccepted());
    }
}
