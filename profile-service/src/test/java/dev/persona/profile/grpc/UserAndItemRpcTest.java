package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.ConsentStatus;
import dev.persona.api.v1.GetItemRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.ImportItemsRequest;
import dev.persona.api.v1.ImportItemsResponse;
import dev.persona.api.v1.ImportUsersRequest;
import dev.persona.api.v1.ImportUsersResponse;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.PutItemRequest;
import dev.persona.api.v1.PutItemResponse;
import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.PutUserResponse;
import dev.persona.api.v1.User;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class UserAndItemRpcTest extends GrpcTestSupport {

    private PutUserResponse putUser(User u) {
        return blocking().putUser(PutUserRequest.newBuilder().setUser(u).build());
    }

    private PutItemResponse putItem(Item i) {
        return blocking().putItem(PutItemRequest.newBuilder().setItem(i).build());
    }

    @Test
    void putUserCreatesThenReplacesAndKeepsCreationTime() {
        PutUserResponse first = putUser(User.newBuilder().setUserId("ann").putAttributes("age", "34")
                .setConsent(ConsentStatus.CONSENT_STATUS_GRANTED).build());
        assertTrue(first.getCreated());
        assertEquals("34", first.getUser().getAttributesOrThrow("age"));
        PutUserResponse second = putUser(User.newBuilder().setUserId("ann").putAttributes("country", "FR")
                .setConsent(ConsentStatus.CONSENT_STATUS_DENIED).build());
        assertFalse(second.getCreated());
        assertEquals(first.getUser().getCreatedAt(), second.getUser().getCreatedAt());
        User stored = blocking().getUser(GetUserRequest.newBuilder().setUserId("ann").build()).getUser();
        assertEquals(Map.of("country", "FR"), stored.getAttributesMap());
        assertEquals(ConsentStatus.CONSENT_STATUS_DENIED, stored.getConsent());
    }

    @Test
    void unknownIdsAreNotFound() {
        assertStatus(Status.Code.NOT_FOUND, "nobody", () -> blocking().getUser(GetUserRequest.newBuilder().setUserId("nobody").build()));
        assertStatus(Status.Code.NOT_FOUND, "nothing", () -> blocking().getItem(GetItemRequest.newBuilder().setItemId("nothing").build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tab\there", "new\nline", "nul\u0000"})
    void badUserIdsAreRefusedNamingTheField(String id) {
        assertStatus(Status.Code.INVALID_ARGUMENT, "user.user_id", () -> putUser(User.newBuilder().setUserId(id).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user_id", () -> blocking().getUser(GetUserRequest.newBuilder().setUserId(id).build()));
    }

    @Test
    void idLengthLimitIs128Characters() {
        assertTrue(putUser(User.newBuilder().setUserId("u".repeat(128)).build()).getCreated());
        assertStatus(Status.Code.INVALID_ARGUMENT, "user.user_id", () -> putUser(User.newBuilder().setUserId("u".repeat(129)).build()));
    }

    @Test
    void attributeLimitsAreEnforced() {
        Map<String, String> many = new HashMap<>();
        IntStream.range(0, 65).forEach(i -> many.put("k" + i, "v"));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user.attributes",
                () -> putUser(User.newBuilder().setUserId("a").putAllAttributes(many).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user.attributes[bio]",
                () -> putUser(User.newBuilder().setUserId("a").putAttributes("bio", "x".repeat(1025)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user.attributes",
                () -> putUser(User.newBuilder().setUserId("a").putAttributes("", "x").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user.consent",
                () -> putUser(User.newBuilder().setUserId("a").setConsentValue(7).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "user", () -> blocking().putUser(PutUserRequest.getDefaultInstance()));
    }

    @Test
    void itemsRoundTrip() {
        Item item = Item.newBuilder().setItemId("i1").setTitle("Amélie (2001)").setCategory("Comedy")
                .addAllTags(List.of("Comedy", "Romance")).setPrice(9.5).putAttributes("year", "2001").setActive(true).build();
        assertTrue(putItem(item).getCreated());
        assertEquals(item, blocking().getItem(GetItemRequest.newBuilder().setItemId("i1").build()).getItem());
        assertFalse(putItem(item.toBuilder().setActive(false).build()).getCreated());
        assertFalse(blocking().getItem(GetItemRequest.newBuilder().setItemId("i1").build()).getItem().getActive());
    }

    @Test
    void badItemsAreRefusedNamingTheField() {
        Item ok = Item.newBuilder().setItemId("i").build();
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.price", () -> putItem(ok.toBuilder().setPrice(-1).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.price", () -> putItem(ok.toBuilder().setPrice(Double.NaN).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.price", () -> putItem(ok.toBuilder().setPrice(Double.POSITIVE_INFINITY).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.title", () -> putItem(ok.toBuilder().setTitle("t".repeat(513)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.category", () -> putItem(ok.toBuilder().setCategory("a\u0007").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.tags[1]", () -> putItem(ok.toBuilder().addTags("fine").addTags("").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.tags",
                () -> putItem(ok.toBuilder().addAllTags(IntStream.range(0, 65).mapToObj(i -> "t" + i).toList()).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "item.item_id", () -> putItem(ok.toBuilder().setItemId("").build()));
    }

    @Test
    void aMessageAboveTheInboundLimitIsResourceExhausted() {
        User huge = User.newBuilder().setUserId("big").putAttributes("blob", "x".repeat(5 * 1024 * 1024)).build();
        assertStatus(Status.Code.RESOURCE_EXHAUSTED, null, () -> putUser(huge));
        assertStatus(Status.Code.NOT_FOUND, "big", () -> blocking().getUser(GetUserRequest.newBuilder().setUserId("big").build()));
    }

    @Test
    void importUsersCommitsValidRecordsAndReportsEachRejection() {
        List<ImportUsersRequest> stream = List.of(
                ImportUsersRequest.newBuilder().setUser(User.newBuilder().setUserId("u1").putAttributes("n", "1")).build(),
                ImportUsersRequest.newBuilder().setUser(User.newBuilder().setUserId("bad\tid")).build(),
                ImportUsersRequest.newBuilder().setUser(User.newBuilder().setUserId("u2")).build(),
                ImportUsersRequest.newBuilder().setUser(User.newBuilder().setUserId("u1").putAttributes("n", "2")).build());
        ImportUsersResponse r = mutiny().importUsers(Multi.createFrom().iterable(stream)).await().atMost(Duration.ofSeconds(30));
        assertEquals(4, r.getSummary().getReceived());
        assertEquals(2, r.getSummary().getAccepted());
        assertEquals(1, r.getSummary().getDuplicates());
        assertEquals(1, r.getSummary().getRejected());
        assertEquals(1, r.getSummary().getRejections(0).getIndex());
        assertEquals("user.user_id", r.getSummary().getRejections(0).getField());
        assertEquals("2", blocking().getUser(GetUserRequest.newBuilder().setUserId("u1").build()).getUser().getAttributesOrThrow("n"));
    }

    @Test
    void importItemsAcrossSeveralBatches() {
        Multi<ImportItemsRequest> items = Multi.createFrom().range(0, 12_001).map(i -> ImportItemsRequest.newBuilder()
                .setItem(Item.newBuilder().setItemId("item-" + i).setCategory(i % 2 == 0 ? "even" : "odd")
                        .setPrice(i % 100).setActive(true)).build());
        ImportItemsResponse r = mutiny().importItems(items).await().atMost(Duration.ofSeconds(60));
        assertEquals(12_001, r.getSummary().getAccepted());
        assertEquals(0, r.getSummary().getRejected());
        assertEquals("even", blocking().getItem(GetItemRequest.newBuilder().setItemId("item-12000").build()).getItem().getCategory());
    }

    @Test
    void anEmptyImportIsAValidImportOfNothing() {
        ImportUsersResponse r = mutiny().importUsers(Multi.createFrom().empty()).await().atMost(Duration.ofSeconds(10));
        assertEquals(0, r.getSummary().getReceived());
        assertEquals(0, r.getSummary().getAccepted());
    }
}
