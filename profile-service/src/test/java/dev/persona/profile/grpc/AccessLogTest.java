package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.AccessLogEntry;
import dev.persona.api.v1.GetProfileRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.ImportUsersRequest;
import dev.persona.api.v1.ImportUsersResponse;
import dev.persona.api.v1.ListAccessLogRequest;
import dev.persona.api.v1.ListAccessLogResponse;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.User;
import dev.persona.common.testing.TenantStubs;
import dev.persona.common.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls that read or change personal data, and refused attempts, reach the access log; only `privacy` reads it. */
@QuarkusTest
class AccessLogTest extends GrpcTestSupport {

    @Inject
    AgroalDataSource dataSource;

    private ProfileServiceGrpc.ProfileServiceBlockingStub as(String subject, String... roles) {
        return TenantStubs.with(rawBlocking, TenantStubs.headers(tenant,
                TestTokens.token(subject, List.of(roles), List.of(tenant))));
    }

    private List<AccessLogEntry> awaitEntries(ListAccessLogRequest request, int atLeast) throws InterruptedException {
        ProfileServiceGrpc.ProfileServiceBlockingStub dpo = as("dpo", "privacy");
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            // Reading the log is itself logged (the DPO's lookups show up too); these tests look at the other calls.
            List<AccessLogEntry> entries = dpo.listAccessLog(request).getEntriesList().stream()
                    .filter(e -> !e.getRpc().endsWith("/ListAccessLog")).toList();
            if (entries.size() >= atLeast || System.currentTimeMillis() > deadline) {
                return entries;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void readsWritesAndRefusalsAreLoggedWithWhoWhatAndHow() throws InterruptedException {
        as("crm-sync", "ingest").putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("u1")).build());
        as("support-agent", "profile-read").getUser(GetUserRequest.newBuilder().setUserId("u1").build());
        assertStatus(Status.Code.PERMISSION_DENIED, "GetProfile",
                () -> as("storefront", "recommend").getProfile(GetProfileRequest.newBuilder().setUserId("u1").build()));
        assertStatus(Status.Code.UNAUTHENTICATED, null, () -> TenantStubs.with(rawBlocking, TenantStubs.headers(tenant, null))
                .getProfile(GetProfileRequest.newBuilder().setUserId("u1").build()));

        List<AccessLogEntry> entries = awaitEntries(ListAccessLogRequest.newBuilder().setUserId("u1").build(), 2);
        assertEquals(2, entries.size(), entries::toString);
        AccessLogEntry read = entries.get(0);
        assertEquals("support-agent", read.getSubject());
        assertEquals(List.of("profile-read"), read.getRolesList());
        assertEquals("persona.v1.ProfileService/GetUser", read.getRpc());
        assertEquals("OK", read.getOutcome());
        assertEquals("profile-service", read.getService());
        assertEquals("persona.v1.ProfileService/PutUser", entries.get(1).getRpc());
        assertEquals("u1", entries.get(1).getUserId(), "the user of a nested message is found");

        List<AccessLogEntry> refused = awaitEntries(ListAccessLogRequest.newBuilder().setSubject("storefront").build(), 1);
        assertEquals(1, refused.size(), refused::toString);
        assertEquals("PERMISSION_DENIED", refused.get(0).getOutcome());
        assertEquals("persona.v1.ProfileService/GetProfile", refused.get(0).getRpc());
        List<AccessLogEntry> all = awaitEntries(ListAccessLogRequest.getDefaultInstance(), 3);
        assertEquals(3, all.size(), "an attempt without a token names nobody and is not logged: " + all);
    }

    @Test
    void aStreamOfManyUsersIsLoggedAsNamingNone() throws Exception {
        ProfileServiceGrpc.ProfileServiceStub async = TenantStubs.with(ProfileServiceGrpc.newStub(rawBlocking.getChannel()),
                TenantStubs.headers(tenant, TestTokens.token("importer", List.of("ingest"), List.of(tenant))));
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ImportUsersRequest> requests = async.importUsers(
                new StreamObserver<>() {
                    @Override
                    public void onNext(ImportUsersResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        for (String id : List.of("a", "b")) {
            requests.onNext(ImportUsersRequest.newBuilder().setUser(User.newBuilder().setUserId(id)).build());
        }
        requests.onCompleted();
        done.get(30, TimeUnit.SECONDS);
        List<AccessLogEntry> entries = awaitEntries(ListAccessLogRequest.newBuilder().setSubject("importer").build(), 1);
        assertEquals(1, entries.size(), entries::toString);
        assertEquals("persona.v1.ProfileService/ImportUsers", entries.get(0).getRpc());
        assertEquals("", entries.get(0).getUserId());
    }

    @Test
    void readingTheLogIsLoggedToo() throws InterruptedException {
        as("dpo", "privacy").listAccessLog(ListAccessLogRequest.newBuilder().setUserId("watched").build());
        ProfileServiceGrpc.ProfileServiceBlockingStub auditor = as("auditor", "privacy");
        long deadline = System.currentTimeMillis() + 10_000;
        List<AccessLogEntry> lookups;
        do {
            lookups = auditor.listAccessLog(ListAccessLogRequest.newBuilder().setSubject("dpo").build()).getEntriesList();
            Thread.sleep(100);
        } while (lookups.isEmpty() && System.currentTimeMillis() < deadline);
        assertFalse(lookups.isEmpty(), "the DPO's lookup is in the log");
        assertEquals("persona.v1.ProfileService/ListAccessLog", lookups.get(0).getRpc());
        assertEquals("watched", lookups.get(0).getUserId());
    }

    @Test
    void pagesNewestFirstAndRefusesABadToken() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            as("paging", "profile-read", "ingest").putUser(PutUserRequest.newBuilder()
                    .setUser(User.newBuilder().setUserId("p" + i)).build());
        }
        awaitEntries(ListAccessLogRequest.newBuilder().setSubject("paging").build(), 3);
        ProfileServiceGrpc.ProfileServiceBlockingStub dpo = as("dpo", "privacy");
        ListAccessLogResponse first = dpo.listAccessLog(ListAccessLogRequest.newBuilder().setSubject("paging")
                .setPageSize(2).build());
        assertEquals(List.of("p2", "p1"), first.getEntriesList().stream().map(AccessLogEntry::getUserId).toList());
        assertFalse(first.getNextPageToken().isEmpty());
        ListAccessLogResponse second = dpo.listAccessLog(ListAccessLogRequest.newBuilder().setSubject("paging")
                .setPageSize(2).setPageToken(first.getNextPageToken()).build());
        assertEquals(List.of("p0"), second.getEntriesList().stream().map(AccessLogEntry::getUserId).toList());
        assertTrue(second.getNextPageToken().isEmpty());
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_token",
                () -> dpo.listAccessLog(ListAccessLogRequest.newBuilder().setPageToken("nope").build()));
    }

    @Test
    void theLogIsAppendOnly() {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit.access_log SET subject = 'someone else'");
            }
        });
        assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    }
}
