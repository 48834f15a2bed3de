package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.Affinity;
import dev.persona.api.v1.DeleteUserRequest;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportInteractionsRequest;
import dev.persona.api.v1.ExportInteractionsResponse;
import dev.persona.api.v1.ExportItemsRequest;
import dev.persona.api.v1.ExportItemsResponse;
import dev.persona.api.v1.ExportUserDataRequest;
import dev.persona.api.v1.ExportUserDataResponse;
import dev.persona.api.v1.ExportUsersRequest;
import dev.persona.api.v1.ExportUsersResponse;
import dev.persona.api.v1.GetItemRequest;
import dev.persona.api.v1.GetProfileRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.ImportItemsRequest;
import dev.persona.api.v1.ImportUsersRequest;
import dev.persona.api.v1.Interaction;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.ListUserEventsRequest;
import dev.persona.api.v1.ListUserEventsResponse;
import dev.persona.api.v1.PutItemRequest;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.RecordEventsRequest;
import dev.persona.api.v1.User;
import dev.persona.api.v1.UserProfile;
import dev.persona.common.redis.RedisKeys;
import io.grpc.Status;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfileAndExportRpcTest extends GrpcTestSupport {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final long DAY = 86_400;
    private static final double EPS = 1e-9;

    @Inject
    RedisDataSource redis;

    private void record(Event e) {
        blocking().recordEvent(RecordEventRequest.newBuilder().setEvent(e).build());
    }

    private void recordAll(List<Event> events) {
        mutiny().recordEvents(Multi.createFrom().iterable(events).map(e -> RecordEventsRequest.newBuilder().setEvent(e).build()))
                .await().atMost(Duration.ofSeconds(60));
    }

    @Test
    void profileMatchesHandComputedFigures() {
        blocking().putItem(PutItemRequest.newBuilder().setItem(Item.newBuilder().setItemId("film-a").setCategory("Sci-Fi")
                .addTags("Sci-Fi").addTags("Action").setActive(true)).build());
        blocking().putItem(PutItemRequest.newBuilder().setItem(Item.newBuilder().setItemId("film-b").setCategory("Drama")
                .addTags("Drama").setActive(true)).build());
        record(event("p1", "p", "film-a", EventType.EVENT_TYPE_VIEW, 0, T0));
        record(event("p2", "p", "film-a", EventType.EVENT_TYPE_PURCHASE, 10, T0.plusSeconds(20 * DAY)));
        record(event("p3", "p", "film-b", EventType.EVENT_TYPE_RATING, 4, T0.plusSeconds(30 * DAY)));
        record(event("p4", "p", "film-b", EventType.EVENT_TYPE_PURCHASE, 30, T0.plusSeconds(15 * DAY)));
        record(event("p5", "p", "film-b", EventType.EVENT_TYPE_VIEW, 0, T0.plusSeconds(31 * DAY)));

        UserProfile p = blocking().getProfile(GetProfileRequest.newBuilder().setUserId("p")
                .setAsOf(ts(T0.plusSeconds(30 * DAY))).build()).getProfile();

        assertEquals(1, p.getEventCountsOrThrow("EVENT_TYPE_VIEW"), "the view after as_of is ignored");
        assertEquals(2, p.getEventCountsOrThrow("EVENT_TYPE_PURCHASE"));
        assertEquals(1, p.getEventCountsOrThrow("EVENT_TYPE_RATING"));
        assertEquals(ts(T0), p.getFirstSeen());
        assertEquals(ts(T0.plusSeconds(30 * DAY)), p.getLastSeen());
        assertEquals(10.0, p.getRfm().getRecencyDays(), EPS);
        assertEquals(2, p.getRfm().getFrequency());
        assertEquals(40.0, p.getRfm().getMonetary(), EPS);
        assertEquals(4.0, p.getMeanRating(), EPS);
        assertEquals(1, p.getRatingCount());
        // half-life 30 days; weights view 1, purchase 5, rating 4 x rating / 5
        double sciFi = 1 * 0.5 + 5 * Math.pow(2, -10.0 / 30);
        double drama = 4 * 4 / 5.0 + 5 * Math.pow(2, -15.0 / 30);
        List<Affinity> a = p.getAffinitiesList();
        assertEquals(5, a.size());
        assertAffinity(a.get(0), "category", "Drama", drama);
        assertAffinity(a.get(1), "category", "Sci-Fi", sciFi);
        assertAffinity(a.get(2), "tag", "Drama", drama);
        assertAffinity(a.get(3), "tag", "Action", sciFi);
        assertAffinity(a.get(4), "tag", "Sci-Fi", sciFi);
    }

    private static void assertAffinity(Affinity a, String dimension, String value, double score) {
        assertEquals(dimension, a.getDimension());
        assertEquals(value, a.getValue());
        assertEquals(score, a.getScore(), EPS);
    }

    @Test
    void profileOfAUserWithoutPurchasesOrEvents() {
        blocking().putUser(dev.persona.api.v1.PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("quiet")).build());
        UserProfile p = blocking().getProfile(GetProfileRequest.newBuilder().setUserId("quiet").build()).getProfile();
        assertEquals(-1, p.getRfm().getRecencyDays());
        assertEquals(0, p.getEventCountsCount());
        assertFalse(p.hasFirstSeen());
        assertStatus(Status.Code.NOT_FOUND, "ghost", () -> blocking().getProfile(GetProfileRequest.newBuilder().setUserId("ghost").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user_id", () -> blocking().getProfile(GetProfileRequest.getDefaultInstance()));
    }

    @Test
    void listUserEventsPagesNewestFirst() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add(event("l" + i, "lister", "i" + i, EventType.EVENT_TYPE_VIEW, 0, T0.plusSeconds(i)));
        }
        recordAll(events);
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListUserEventsResponse page = blocking().listUserEvents(ListUserEventsRequest.newBuilder()
                    .setUserId("lister").setPageSize(10).setPageToken(token).build());
            page.getEventsList().forEach(e -> seen.add(e.getEventId()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(3, pages);
        assertEquals(25, seen.size());
        assertEquals("l24", seen.get(0));
        assertEquals("l0", seen.get(24));
        assertEquals(25, new HashSet<>(seen).size());
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_token", () -> blocking().listUserEvents(ListUserEventsRequest.newBuilder()
                .setUserId("lister").setPageToken("not-a-token").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_size", () -> blocking().listUserEvents(ListUserEventsRequest.newBuilder()
                .setUserId("lister").setPageSize(1001).build()));
        assertStatus(Status.Code.NOT_FOUND, "nobody", () -> blocking().listUserEvents(ListUserEventsRequest.newBuilder()
                .setUserId("nobody").build()));
    }

    @Test
    void exportInteractionsResumesFromACursorAndFiltersTypes() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(event("x" + i, "u" + (i % 3), "i" + i,
                    i % 2 == 0 ? EventType.EVENT_TYPE_PURCHASE : EventType.EVENT_TYPE_VIEW, i % 2 == 0 ? i : 0, T0.plusSeconds(i)));
        }
        recordAll(events);
        List<ExportInteractionsResponse> batches = new ArrayList<>();
        blocking().exportInteractions(ExportInteractionsRequest.newBuilder().setBatchSize(7).build()).forEachRemaining(batches::add);
        assertEquals(5, batches.size());
        long head = batches.get(0).getHeadSequence();
        assertEquals(head, batches.get(4).getLastSequence());
        long cursor = batches.get(1).getLastSequence();
        List<Interaction> rest = exportAll(cursor);
        assertEquals(16, rest.size());
        assertTrue(rest.get(0).getSequence() > cursor);
        List<Interaction> purchases = new ArrayList<>();
        blocking().exportInteractions(ExportInteractionsRequest.newBuilder().addTypes(EventType.EVENT_TYPE_PURCHASE).build())
                .forEachRemaining(r -> purchases.addAll(r.getInteractionsList()));
        assertEquals(15, purchases.size());
        assertTrue(purchases.stream().allMatch(x -> x.getType() == EventType.EVENT_TYPE_PURCHASE));
        assertEquals(ts(T0.plusSeconds(28)), purchases.get(14).getOccurredAt());
        assertStatus(Status.Code.INVALID_ARGUMENT, "after_sequence", () -> blocking().exportInteractions(
                ExportInteractionsRequest.newBuilder().setAfterSequence(-1).build()).hasNext());
        assertStatus(Status.Code.INVALID_ARGUMENT, "batch_size", () -> blocking().exportInteractions(
                ExportInteractionsRequest.newBuilder().setBatchSize(50_001).build()).hasNext());
        assertStatus(Status.Code.INVALID_ARGUMENT, "types[0]", () -> blocking().exportInteractions(
                ExportInteractionsRequest.newBuilder().addTypesValue(42).build()).hasNext());
        assertEquals(0, exportAll(head).size(), "nothing after the head");
    }

    @Test
    void exportUsersStreamsEveryUserInIdOrder() {
        mutiny().importUsers(Multi.createFrom().range(0, 2_500).map(i -> ImportUsersRequest.newBuilder()
                .setUser(User.newBuilder().setUserId(String.format("user-%05d", i)).putAttributes("i", "" + i)).build()))
                .await().atMost(Duration.ofSeconds(60));
        List<ExportUsersResponse> batches = new ArrayList<>();
        blocking().exportUsers(ExportUsersRequest.getDefaultInstance()).forEachRemaining(batches::add);
        assertEquals(3, batches.size());
        List<String> ids = new ArrayList<>();
        batches.forEach(b -> b.getUsersList().forEach(u -> ids.add(u.getUserId())));
        assertEquals(2_500, ids.size());
        assertEquals("user-00000", ids.get(0));
        assertEquals("user-02499", ids.get(2_499));
        assertStatus(Status.Code.INVALID_ARGUMENT, "batch_size", () -> blocking().exportUsers(
                ExportUsersRequest.newBuilder().setBatchSize(-1).build()).hasNext());
    }

    private List<ExportItemsResponse> exportItems(String tenantId, int batchSize) {
        List<ExportItemsResponse> batches = new ArrayList<>();
        blocking(tenantId).exportItems(ExportItemsRequest.newBuilder().setBatchSize(batchSize).build()).forEachRemaining(batches::add);
        return batches;
    }

    private static List<Item> itemsOf(List<ExportItemsResponse> batches) {
        List<Item> items = new ArrayList<>();
        batches.forEach(b -> items.addAll(b.getItemsList()));
        return items;
    }

    @Test
    void exportItemsStreamsActiveAndInactiveItemsInIdOrder() {
        // imported in reverse order, every third one inactive
        mutiny().importItems(Multi.createFrom().range(0, 25).map(i -> ImportItemsRequest.newBuilder()
                .setItem(Item.newBuilder().setItemId(String.format("item-%03d", 24 - i)).setActive((24 - i) % 3 != 0)).build()))
                .await().atMost(Duration.ofSeconds(60));
        List<ExportItemsResponse> batches = exportItems(tenant, 10);
        assertEquals(List.of(10, 10, 5), batches.stream().map(ExportItemsResponse::getItemsCount).toList());
        List<Item> items = itemsOf(batches);
        for (int i = 0; i < 25; i++) {
            assertEquals(String.format("item-%03d", i), items.get(i).getItemId());
            assertEquals(i % 3 != 0, items.get(i).getActive(), "active flag of " + items.get(i).getItemId());
        }
        assertEquals(5, exportItems(tenant, 5).size(), "a last full page ends the stream without an empty message");
        assertEquals(1, exportItems(tenant, 0).size(), "0 means 1,000 per message");
    }

    @Test
    void exportItemsRoundTripsEveryField() {
        Item sent = Item.newBuilder().setItemId("film-x").setTitle("The Film").setCategory("Drama")
                .addTags("Drama").addTags("Classic").setPrice(12.5)
                .putAttributes("year", "1954").putAttributes("lang", "ja").setActive(false).build();
        blocking().putItem(PutItemRequest.newBuilder().setItem(sent).build());
        List<Item> items = itemsOf(exportItems(tenant, 0));
        assertEquals(List.of(sent), items);
        assertEquals(blocking().getItem(GetItemRequest.newBuilder().setItemId("film-x").build()).getItem(), items.get(0));
    }

    @Test
    void exportItemsRejectsABadBatchSize() {
        assertStatus(Status.Code.INVALID_ARGUMENT, "batch_size", () -> blocking().exportItems(
                ExportItemsRequest.newBuilder().setBatchSize(-1).build()).hasNext());
        assertStatus(Status.Code.INVALID_ARGUMENT, "batch_size", () -> blocking().exportItems(
                ExportItemsRequest.newBuilder().setBatchSize(10_001).build()).hasNext());
        assertEquals(0, exportItems(tenant, 10_000).size(), "10,000 is allowed");
    }

    @Test
    void exportItemsSeesOnlyTheTenantsItems() {
        String other = tenant + "-other";
        assertEquals(0, exportItems(tenant, 0).size(), "an empty tenant gives an empty stream");
        blocking().putItem(PutItemRequest.newBuilder().setItem(Item.newBuilder().setItemId("shared-id").setTitle("mine")).build());
        blocking(other).putItem(PutItemRequest.newBuilder().setItem(Item.newBuilder().setItemId("shared-id").setTitle("theirs")).build());
        blocking(other).putItem(PutItemRequest.newBuilder().setItem(Item.newBuilder().setItemId("only-theirs")).build());
        List<Item> mine = itemsOf(exportItems(tenant, 0));
        assertEquals(1, mine.size());
        assertEquals("mine", mine.get(0).getTitle());
        assertEquals(List.of("only-theirs", "shared-id"), itemsOf(exportItems(other, 0)).stream().map(Item::getItemId).toList());
    }

    @Test
    void exportUserDataThenDeleteUserErasesEverything() {
        blocking().putUser(dev.persona.api.v1.PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("gone")
                .putAttributes("email", "gone@example.org")).build());
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            events.add(event("g" + i, "gone", "i" + (i % 10), EventType.EVENT_TYPE_VIEW, 0, T0.plusSeconds(i)));
        }
        events.add(event("k1", "kept", "i1", EventType.EVENT_TYPE_VIEW, 0, T0));
        recordAll(events);

        List<ExportUserDataResponse> data = new ArrayList<>();
        blocking().exportUserData(ExportUserDataRequest.newBuilder().setUserId("gone").build()).forEachRemaining(data::add);
        assertEquals("gone@example.org", data.get(0).getUser().getAttributesOrThrow("email"));
        assertEquals(1_500, data.stream().mapToInt(ExportUserDataResponse::getEventsCount).sum());
        assertEquals("g0", data.get(1).getEvents(0).getEventId());

        assertEquals(1_500, blocking().deleteUser(DeleteUserRequest.newBuilder().setUserId("gone").build()).getEventsDeleted());

        assertStatus(Status.Code.NOT_FOUND, "gone", () -> blocking().getUser(GetUserRequest.newBuilder().setUserId("gone").build()));
        assertStatus(Status.Code.NOT_FOUND, "gone", () -> blocking().exportUserData(
                ExportUserDataRequest.newBuilder().setUserId("gone").build()).hasNext());
        assertStatus(Status.Code.NOT_FOUND, "gone", () -> blocking().deleteUser(DeleteUserRequest.newBuilder().setUserId("gone").build()));
        List<Interaction> log = exportAll(0);
        assertEquals(1, log.size());
        assertEquals("kept", log.get(0).getUserId());
        assertEquals(0, redis.key().exists(RedisKeys.recent(tenant, "gone")) ? 1 : 0);
        List<StreamMessage<String, String, String>> feed = redis.stream(String.class).xrange(RedisKeys.feed(tenant), StreamRange.of("-", "+"));
        StreamMessage<String, String, String> notice = feed.get(feed.size() - 1);
        assertEquals("erase", notice.payload().get("kind"));
        assertEquals("gone", notice.payload().get("user"));
        Set<String> kept = new HashSet<>();
        exportAll(0).forEach(i -> kept.add(i.getUserId()));
        assertFalse(kept.contains("gone"));
    }
}
