package dev.persona.profile.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.persona.api.v1.DeleteUserRequest;
import dev.persona.api.v1.EventType;
import dev.persona.api.v1.ExportUserDataRequest;
import dev.persona.api.v1.ExportUsersRequest;
import dev.persona.api.v1.GetUserRequest;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.PutUserRequest;
import dev.persona.api.v1.RecordEventRequest;
import dev.persona.api.v1.User;
import dev.persona.common.redis.RedisKeys;
import dev.persona.common.testing.TenantStubs;
import dev.persona.common.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenancyTest extends GrpcTestSupport {

    @Inject
    RedisDataSource redis;

    @Test
    void oneTenantNeverSeesAnothersData() {
        String other = tenant + "-other";
        blocking().putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("shared-id").putAttributes("owner", "a")).build());
        assertStatus(Status.Code.NOT_FOUND, "shared-id",
                () -> blocking(other).getUser(GetUserRequest.newBuilder().setUserId("shared-id").build()));
        blocking(other).putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("shared-id").putAttributes("owner", "b")).build());
        assertEquals("a", blocking().getUser(GetUserRequest.newBuilder().setUserId("shared-id").build()).getUser().getAttributesOrThrow("owner"));
        assertEquals("b", blocking(other).getUser(GetUserRequest.newBuilder().setUserId("shared-id").build()).getUser().getAttributesOrThrow("owner"));

        blocking().recordEvent(RecordEventRequest.newBuilder()
                .setEvent(event("e1", "shared-id", "i1", EventType.EVENT_TYPE_VIEW, 0, Instant.now())).build());
        assertEquals(1, exportAll(tenant, 0).size());
        assertEquals(0, exportAll(other, 0).size(), "the other tenant's log is empty");
        assertEquals(1, redis.list(String.class).llen(RedisKeys.recent(tenant, "shared-id")));
        assertEquals(0, redis.list(String.class).llen(RedisKeys.recent(other, "shared-id")));
    }

    @Test
    void aBadTenantHeaderIsInvalidArgument() {
        assertStatus(Status.Code.INVALID_ARGUMENT, "x-tenant-id",
                () -> TenantStubs.bound(rawBlocking, "t".repeat(129)).getUser(GetUserRequest.newBuilder().setUserId("x").build()));
    }

    @Test
    void withoutTheHeaderTheTokensOnlyTenantIsUsed() {
        String id = "only-" + tenant;
        TenantStubs.with(rawBlocking, TenantStubs.headers(null, TestTokens.admin(tenant)))
                .putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId(id)).build());
        assertEquals(id, blocking().getUser(GetUserRequest.newBuilder().setUserId(id).build()).getUser().getUserId());
    }

    @Test
    void aServiceTokenReadsTheLogButCannotEraseOrExportAPerson() {
        blocking().putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("victim")).build());
        ProfileServiceGrpc.ProfileServiceBlockingStub service = TenantStubs.with(rawBlocking, TenantStubs.headers(
                tenant, TestTokens.token("recommend-service", List.of("service"), List.of("*"))));
        assertEquals("victim", service.getUser(GetUserRequest.newBuilder().setUserId("victim").build()).getUser().getUserId());
        service.exportUsers(ExportUsersRequest.getDefaultInstance()).forEachRemaining(r -> { });
        assertStatus(Status.Code.PERMISSION_DENIED, "DeleteUser",
                () -> service.deleteUser(DeleteUserRequest.newBuilder().setUserId("victim").build()));
        assertStatus(Status.Code.PERMISSION_DENIED, "ExportUserData",
                () -> service.exportUserData(ExportUserDataRequest.newBuilder().setUserId("victim").build()).hasNext());
        assertStatus(Status.Code.PERMISSION_DENIED, "PutUser",
                () -> service.putUser(PutUserRequest.newBuilder().setUser(User.newBuilder().setUserId("x")).build()));
    }
}
